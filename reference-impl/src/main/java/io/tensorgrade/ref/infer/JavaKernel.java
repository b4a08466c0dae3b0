package io.tensorgrade.ref.infer;

/**
 * {@link Kernel} in plain Java, used when the Vector API is not available: 4x4 tiles held in scalar
 * registers, accumulated with {@link Math#fma} (one instruction on every x86-64 and ARM CPU with FMA,
 * which the JVM reports) or with a multiply and an add where the CPU has no FMA, since the JDK's
 * software fallback for {@code Math.fma} is very slow.
 */
final class JavaKernel implements Kernel {
    private static final int MR = 4;
    private static final int NR = 16;
    private final boolean fma;

    JavaKernel() {
        this(hardwareFma());
    }

    JavaKernel(boolean fma) {
        this.fma = fma;
    }

    @Override public String name() {
        return fma ? "java-fma" : "java";
    }

    @Override public int mr() {
        return MR;
    }

    @Override public int nr() {
        return NR;
    }

    @Override
    public void multiply(PackedWeights w, float[] panel, int cols, float[] out, int outOffset, int ldc,
                         boolean relu) {
        float[] acc = new float[MR * 4];
        for (int chunk = 0; chunk * NR < cols; chunk++) {
            int valid = Math.min(NR, cols - chunk * NR);
            for (int tile = 0; tile < w.tiles(); tile++) {
                int rows = Math.min(MR, w.rows - tile * MR);
                for (int sub = 0; sub * 4 < valid; sub++) {
                    int b = chunk * w.depth * NR + sub * 4;
                    if (fma) {
                        tileFma(w, tile, panel, b, acc);
                    } else {
                        tile(w, tile, panel, b, acc);
                    }
                    int o = outOffset + tile * MR * ldc + chunk * NR + sub * 4;
                    int width = Math.min(4, valid - sub * 4);
                    for (int r = 0; r < rows; r++) {
                        for (int j = 0; j < width; j++) {
                            float v = acc[r * 4 + j];
                            out[o + r * ldc + j] = relu && v < 0 ? 0f : v;
                        }
                    }
                }
            }
        }
    }

    /** 4 rows x 4 columns (panel columns {@code b..b+3}) over the whole depth, bias included, into {@code acc}. */
    private static void tileFma(PackedWeights w, int tile, float[] p, int b, float[] acc) {
        float[] a = w.data;
        float c00 = w.bias[tile * MR];
        float c10 = w.bias[tile * MR + 1];
        float c20 = w.bias[tile * MR + 2];
        float c30 = w.bias[tile * MR + 3];
        float c01 = c00, c02 = c00, c03 = c00, c11 = c10, c12 = c10, c13 = c10;
        float c21 = c20, c22 = c20, c23 = c20, c31 = c30, c32 = c30, c33 = c30;
        int ai = tile * w.depth * MR;
        for (int k = 0; k < w.depth; k++, ai += MR, b += NR) {
            float a0 = a[ai], a1 = a[ai + 1], a2 = a[ai + 2], a3 = a[ai + 3];
            float b0 = p[b], b1 = p[b + 1], b2 = p[b + 2], b3 = p[b + 3];
            c00 = Math.fma(a0, b0, c00); c01 = Math.fma(a0, b1, c01); c02 = Math.fma(a0, b2, c02); c03 = Math.fma(a0, b3, c03);
            c10 = Math.fma(a1, b0, c10); c11 = Math.fma(a1, b1, c11); c12 = Math.fma(a1, b2, c12); c13 = Math.fma(a1, b3, c13);
            c20 = Math.fma(a2, b0, c20); c21 = Math.fma(a2, b1, c21); c22 = Math.fma(a2, b2, c22); c23 = Math.fma(a2, b3, c23);
            c30 = Math.fma(a3, b0, c30); c31 = Math.fma(a3, b1, c31); c32 = Math.fma(a3, b2, c32); c33 = Math.fma(a3, b3, c33);
        }
        set(acc, c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33);
    }

    /** As {@link #tileFma} with a separate multiply and add. */
    private static void tile(PackedWeights w, int tile, float[] p, int b, float[] acc) {
        float[] a = w.data;
        float c00 = w.bias[tile * MR];
        float c10 = w.bias[tile * MR + 1];
        float c20 = w.bias[tile * MR + 2];
        float c30 = w.bias[tile * MR + 3];
        float c01 = c00, c02 = c00, c03 = c00, c11 = c10, c12 = c10, c13 = c10;
        float c21 = c20, c22 = c20, c23 = c20, c31 = c30, c32 = c30, c33 = c30;
        int ai = tile * w.depth * MR;
        for (int k = 0; k < w.depth; k++, ai += MR, b += NR) {
            float a0 = a[ai], a1 = a[ai + 1], a2 = a[ai + 2], a3 = a[ai + 3];
            float b0 = p[b], b1 = p[b + 1], b2 = p[b + 2], b3 = p[b + 3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        set(acc, c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33);
    }

    private static void set(float[] acc, float... v) {
        System.arraycopy(v, 0, acc, 0, v.length);
    }

    /** Whether HotSpot uses the CPU's FMA instruction ({@code -XX:+UseFMA}, on by default where present). */
    static boolean hardwareFma() {
        try {
            return Boolean.parseBoolean(java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("UseFMA")
                    .getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
