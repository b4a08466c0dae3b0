package io.tensorgrade.ref.infer;

/**
 * Fills a {@link Kernel} panel with the convolution windows of output columns {@code [col0, col0+cols)}
 * of one channel group: row {@code k = (c, kh, kw)}, column {@code j = (n, oh, ow)}, zero for padding.
 * Columns that share {@code (n, oh)} read consecutive input values (stride 1) so each is copied as a run.
 */
final class Im2col {
    private final ConvGeometry g;
    private final Dims in;
    private final int batch;
    private final int nr;
    // Runs of one chunk: destination column, length, input plane offset, first input row and column.
    private final int[] runCol;
    private final int[] runLen;
    private final int[] runPlane;
    private final int[] runIh;
    private final int[] runIw;

    Im2col(ConvGeometry g, Dims in, int batch, int nr) {
        this.g = g;
        this.in = in;
        this.batch = batch;
        this.nr = nr;
        runCol = new int[nr];
        runLen = new int[nr];
        runPlane = new int[nr];
        runIh = new int[nr];
        runIw = new int[nr];
    }

    /** Writes panel chunks for columns {@code [col0, col0 + cols)} of channel group {@code group}. */
    void fill(float[] src, int group, int col0, int cols, float[] panel) {
        int depth = g.depth();
        int chunks = (cols + nr - 1) / nr;
        for (int chunk = 0; chunk < chunks; chunk++) {
            int first = col0 + chunk * nr;
            int width = Math.min(nr, col0 + cols - first);
            int runs = runs(first, width);
            int base = chunk * depth * nr;
            int k = 0;
            for (int c = group * g.inPerGroup(); c < (group + 1) * g.inPerGroup(); c++) {
                int channel = c * batch * in.plane();
                for (int kh = 0; kh < g.kh(); kh++) {
                    int dh = kh * g.dilationH();
                    for (int kw = 0; kw < g.kw(); kw++, k++) {
                        int dst = base + k * nr;
                        copyRow(src, channel, dh, kw * g.dilationW(), runs, panel, dst);
                        for (int j = width; j < nr; j++) {
                            panel[dst + j] = 0f;
                        }
                    }
                }
            }
        }
    }

    private void copyRow(float[] src, int channel, int dh, int dw, int runs, float[] panel, int dst) {
        int h = in.h();
        int w = in.w();
        int sw = g.strideW();
        for (int r = 0; r < runs; r++) {
            int d = dst + runCol[r];
            int len = runLen[r];
            int ih = runIh[r] + dh;
            if (ih < 0 || ih >= h) {
                java.util.Arrays.fill(panel, d, d + len, 0f);
                continue;
            }
            int iw0 = runIw[r] + dw;
            // Valid t: 0 <= iw0 + t*sw < w.
            int lo = iw0 >= 0 ? 0 : Math.min(len, (-iw0 + sw - 1) / sw);
            int hi = iw0 >= w ? 0 : Math.min(len, (w - 1 - iw0) / sw + 1);
            hi = Math.max(hi, lo);
            for (int t = 0; t < lo; t++) {
                panel[d + t] = 0f;
            }
            int s = channel + runPlane[r] + ih * w + iw0;
            if (sw == 1) {
                System.arraycopy(src, s + lo, panel, d + lo, hi - lo);
            } else {
                for (int t = lo; t < hi; t++) {
                    panel[d + t] = src[s + t * sw];
                }
            }
            for (int t = hi; t < len; t++) {
                panel[d + t] = 0f;
            }
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
            runPlane[runs] = n * in.plane();
            runIh[runs] = oh * g.strideH() - g.padH();
            runIw[runs] = ow * g.strideW() - g.padW();
            runs++;
            j += len;
        }
        return runs;
    }
}
