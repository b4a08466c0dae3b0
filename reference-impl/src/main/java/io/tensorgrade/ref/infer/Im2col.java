package io.tensorgrade.ref.infer;

/**
 * Fills a {@link Kernel} panel with the convolution windows of output columns {@code [col0, col0+cols)}
 * of one channel group: row {@code k = (c, kh, kw)}, column {@code j = (n, oh, ow)}. The input must
 * already carry the convolution's zero padding (see {@link ConvOp}), so every window lies inside it and
 * the columns that share {@code (n, oh)} are copied as one run of the input row.
 */
final class Im2col {
    /** Runs up to this length are copied in a loop; longer ones with {@code System.arraycopy}. */
    private static final int SHORT_RUN = 8;

    private final ConvGeometry g;
    private final Dims in;
    private final int batch;
    private final int nr;
    private final int offset;
    // The runs of one chunk: panel column, length, and input offset of the first value (before kh/kw).
    private final int[] runCol;
    private final int[] runLen;
    private final int[] runSrc;

    /**
     * {@code in} is the padded input shape, stored from {@code offset} of the array given to {@link #fill};
     * {@code g} is the convolution's geometry (its padding is ignored).
     */
    Im2col(ConvGeometry g, Dims in, int batch, int nr, int offset) {
        this.g = g;
        this.in = in;
        this.batch = batch;
        this.nr = nr;
        this.offset = offset;
        runCol = new int[nr];
        runLen = new int[nr];
        runSrc = new int[nr];
    }

    /** Writes panel chunks for columns {@code [col0, col0 + cols)} of channel group {@code group}. */
    void fill(float[] src, int group, int col0, int cols, float[] panel) {
        int depth = g.depth();
        int[] tap = taps(group);
        int chunks = (cols + nr - 1) / nr;
        int sw = g.strideW();
        for (int chunk = 0; chunk < chunks; chunk++) {
            int first = col0 + chunk * nr;
            int width = Math.min(nr, col0 + cols - first);
            int runs = runs(first, width);
            int base = chunk * depth * nr;
            if (width < nr) {
                for (int k = 0; k < depth; k++) {
                    java.util.Arrays.fill(panel, base + k * nr + width, base + (k + 1) * nr, 0f);
                }
            }
            // Tap-major: the runs of one tap fill one panel row (a few cache lines) before the next tap.
            for (int k = 0; k < depth; k++) {
                int t = tap[k];
                int d = base + k * nr;
                for (int r = 0; r < runs; r++) {
                    copy(src, runSrc[r] + t, sw, panel, d + runCol[r], runLen[r]);
                }
            }
        }
    }

    private static void copy(float[] src, int s, int stride, float[] dst, int d, int len) {
        if (stride != 1) {
            for (int t = 0; t < len; t++) {
                dst[d + t] = src[s + t * stride];
            }
        } else if (len == 8) {
            dst[d] = src[s];
            dst[d + 1] = src[s + 1];
            dst[d + 2] = src[s + 2];
            dst[d + 3] = src[s + 3];
            dst[d + 4] = src[s + 4];
            dst[d + 5] = src[s + 5];
            dst[d + 6] = src[s + 6];
            dst[d + 7] = src[s + 7];
        } else if (len == 4) {
            dst[d] = src[s];
            dst[d + 1] = src[s + 1];
            dst[d + 2] = src[s + 2];
            dst[d + 3] = src[s + 3];
        } else if (len <= SHORT_RUN) {
            for (int t = 0; t < len; t++) {
                dst[d + t] = src[s + t];
            }
        } else {
            System.arraycopy(src, s, dst, d, len);
        }
    }

    /** Input offset of each row {@code k = (c, kh, kw)} of the group, relative to a window's top-left value. */
    int[] taps(int group) {
        int[] tap = new int[g.depth()];
        int k = 0;
        for (int c = group * g.inPerGroup(); c < (group + 1) * g.inPerGroup(); c++) {
            for (int kh = 0; kh < g.kh(); kh++) {
                for (int kw = 0; kw < g.kw(); kw++) {
                    tap[k++] = offset + c * batch * in.plane() + kh * g.dilationH() * in.w() + kw * g.dilationW();
                }
            }
        }
        return tap;
    }

    /** Splits columns {@code [first, first + width)} into runs of one output row each; returns the count. */
    private int runs(int first, int width) {
        int outPlane = g.outH() * g.outW();
        int runs = 0;
        int j = 0;
        while (j < width) {
            int col = first + j;
            int n = col / outPlane;
            int rem = col - n * outPlane;
            int oh = rem / g.outW();
            int ow = rem - oh * g.outW();
            int len = Math.min(width - j, g.outW() - ow);
            runCol[runs] = j;
            runLen[runs] = len;
            runSrc[runs] = n * in.plane() + oh * g.strideH() * in.w() + ow * g.strideW();
            runs++;
            j += len;
        }
        return runs;
    }
}
