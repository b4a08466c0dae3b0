package io.tensorgrade.ref.infer;

/**
 * Moves samples between the caller's NCHW arrays and the channel-major batch layout of {@link Dims},
 * applying the {@link InputFormat}'s preprocessing on the way in.
 */
final class BatchIo {
    private BatchIo() {
    }

    /** Loads samples {@code [first, first + n)} of float images into {@code dst}. */
    static void load(float[] images, int first, int n, InputFormat f, float[][] ab, float[] dst) {
        int p = f.height() * f.width();
        for (int c = 0; c < f.channels(); c++) {
            float a = ab[0][c];
            float b = ab[1][c];
            for (int s = 0; s < n; s++) {
                int src = ((first + s) * f.channels() + c) * p;
                int d = (c * n + s) * p;
                for (int i = 0; i < p; i++) {
                    dst[d + i] = images[src + i] * a + b;
                }
            }
        }
    }

    /** Loads samples {@code [first, first + n)} of unsigned 8-bit images into {@code dst}. */
    static void load(byte[] images, int first, int n, InputFormat f, float[][] ab, float[] dst) {
        int p = f.height() * f.width();
        for (int c = 0; c < f.channels(); c++) {
            float a = ab[0][c];
            float b = ab[1][c];
            for (int s = 0; s < n; s++) {
                int src = ((first + s) * f.channels() + c) * p;
                int d = (c * n + s) * p;
                for (int i = 0; i < p; i++) {
                    dst[d + i] = (images[src + i] & 0xff) * a + b;
                }
            }
        }
    }

    /** Stores the batch result {@code src} of shape {@code d} as samples {@code [first, first + n)} of {@code out}. */
    static void store(float[] src, Dims d, int n, float[] out, int first) {
        int p = d.plane();
        int size = d.size();
        for (int c = 0; c < d.c(); c++) {
            for (int s = 0; s < n; s++) {
                System.arraycopy(src, (c * n + s) * p, out, (first + s) * size + c * p, p);
            }
        }
    }
}
