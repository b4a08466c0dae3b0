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

    /** Gets the JIT to compile the kernel before real work reaches it; a no-op unless that pays. */
    default void warmUp() {
    }

    /** Columns per lane group of {@link #multiplyDirect}, or 0 when the kernel has no direct mode. */
    default int directLanes() {
        return 0;
    }

    /**
     * As {@link #multiply} without a panel: column {@code g*lanes + j} ({@code j < lanes}) of depth row
     * {@code k} is read from {@code x[laneBase[g] + tap[k] + j]}, for {@code groups} lane groups. This is
     * a stride-1 convolution read straight from its padded input when every group of {@code lanes} output
     * columns lies in one output row.
     */
    default void multiplyDirect(PackedWeights w, float[] x, int[] tap, int[] laneBase, int groups, float[] out,
                                int outOffset, int ldc, boolean relu) {
        throw new UnsupportedOperationException(name() + " has no direct mode");
    }

    /** Output channels per weight chunk of {@link #multiplyPatches}, or 0 when the kernel has no patch mode. */
    default int patchChannels() {
        return 0;
    }

    /**
     * Writes {@code out[outOffset + c*ldc + p]}, for channel {@code c < wt.rows} and position
     * {@code p < positions}: the bias of {@code c} plus the sum over {@code k} of weight {@code (c, k)}
     * times {@code x[posBase[p] + tap[k]]}, clamped at zero when {@code relu}. {@code wt} holds the
     * weights packed with {@code mr = patchChannels()}. A convolution reads its windows in place this way.
     */
    default void multiplyPatches(PackedWeights wt, float[] x, int[] tap, int[] posBase, int positions, float[] out,
                                 int outOffset, int ldc, boolean relu) {
        throw new UnsupportedOperationException(name() + " has no patch mode");
    }
}
