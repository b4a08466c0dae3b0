package io.tensorgrade.ref.infer;

/**
 * A float32 matrix multiply {@code out = act(W x P + bias)} for one block of columns, where {@code W}
 * is a {@link PackedWeights} with {@link #mr()} rows per tile and {@code P} is a panel of
 * {@code depth x cols} values packed in chunks of {@link #nr()} columns:
 * {@code panel[(chunk*depth + k)*nr + j]}, zero beyond {@code cols}. Implementations are stateless and
 * thread-safe.
 */
interface Kernel {

    /** Name for logs and benchmarks, e.g. {@code vector-512}. */
    String name();

    /** Rows per weight tile. */
    int mr();

    /** Columns per panel chunk. */
    int nr();

    /**
     * Writes {@code out[outOffset + r*ldc + j]} for every weight row {@code r < w.rows} and column
     * {@code j < cols}: the bias of row {@code r} plus the dot product of row {@code r} with panel column
     * {@code j}, clamped at zero when {@code relu}.
     */
    void multiply(PackedWeights w, float[] panel, int cols, float[] out, int outOffset, int ldc, boolean relu);
}
