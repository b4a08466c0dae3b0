package io.tensorgrade.ref.infer;

/**
 * {@link Kernel} in plain Java, used when the Vector API is not available: a 4-row tile accumulates
 * 16 columns in a small array whose inner loop the JIT can vectorise.
 */
final class JavaKernel implements Kernel {
    private static final int MR = 4;
    private static final int NR = 16;

    @Override public String name() {
        return "java";
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
        int depth = w.depth;
        float[] a = w.data;
        float[] acc = new float[MR * NR];
        for (int chunk = 0; chunk * NR < cols; chunk++) {
            int valid = Math.min(NR, cols - chunk * NR);
            int panelBase = chunk * depth * NR;
            for (int tile = 0; tile < w.tiles(); tile++) {
                for (int r = 0; r < MR; r++) {
                    java.util.Arrays.fill(acc, r * NR, (r + 1) * NR, w.bias[tile * MR + r]);
                }
                int ai = tile * depth * MR;
                int bi = panelBase;
                for (int k = 0; k < depth; k++, ai += MR, bi += NR) {
                    float a0 = a[ai];
                    float a1 = a[ai + 1];
                    float a2 = a[ai + 2];
                    float a3 = a[ai + 3];
                    for (int j = 0; j < NR; j++) {
                        float b = panel[bi + j];
                        acc[j] += a0 * b;
                        acc[NR + j] += a1 * b;
                        acc[2 * NR + j] += a2 * b;
                        acc[3 * NR + j] += a3 * b;
                    }
                }
                int rows = Math.min(MR, w.rows - tile * MR);
                for (int r = 0; r < rows; r++) {
                    int o = outOffset + (tile * MR + r) * ldc + chunk * NR;
                    for (int j = 0; j < valid; j++) {
                        float v = acc[r * NR + j];
                        out[o + j] = relu && v < 0 ? 0f : v;
                    }
                }
            }
        }
    }
}
