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
        int chunks = (cols + nr - 1) / nr;
        int sw = g.strideW();
        for (int chunk = 0; chunk < chunks; chunk++) {
            int first = col0 + chunk * nr;
            int width = Math.min(nr, col0 + cols - first);
            int runs = runs(first, width);
            int k = chunk * depth * nr;
            for (int c = group * g.inPerGroup(); c < (group + 1) * g.inPerGroup(); c++) {
                int channel = offset + c * batch * in.plane();
                for (int kh = 0; kh < g.kh(); kh++) {
                    for (int kw = 0; kw < g.kw(); kw++, k += nr) {
                        int tap = channel + kh * g.dilationH() * in.w() + kw * g.dilationW();
                        for (int r = 0; r < runs; r++) {
                            copy(src, tap + runSrc[r], sw, panel, k + runCol[r], runLen[r]);
                        }
                        for (int j = width; j < nr; j++) {
                            panel[k + j] = 0f;
                        }
                    }
                }
            }
        }
    }

    private static void copy(float[] src, int s, int stride, float[] dst, int d, int len) {
        if (stride != 1) {
            for (int t = 0; t < len; t++) {
                dst[d + t] = src[s + t * stride];
            }
        } else if (len <= SHORT_RUN) {
            for (int t = 0; t < len; t++) {
                dst[d + t] = src[s + t];
            }
        } else {
            System.arraycopy(src, s, dst, d, len);
        }
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
