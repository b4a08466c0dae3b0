package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.LayerSpec;

/**
 * {@code avg_pool2d} and {@code adaptive_avg_pool2d} with PyTorch's windows and divisors: for the
 * fixed pool the window is clipped to the padded input (ceil mode) and the divisor counts padding when
 * {@code count_include_pad}; the adaptive pool averages {@code [floor(i*in/out), ceil((i+1)*in/out))}.
 */
final class AvgPoolOp implements Op {
    private final LayerSpec spec;

    /** {@code spec} is a {@link LayerSpec.AvgPool2d} or a {@link LayerSpec.AdaptiveAvgPool2d}. */
    AvgPoolOp(LayerSpec spec) {
        if (!(spec instanceof LayerSpec.AvgPool2d) && !(spec instanceof LayerSpec.AdaptiveAvgPool2d)) {
            throw new IllegalArgumentException(spec.describe());
        }
        this.spec = spec;
    }

    @Override
    public Dims out(Dims in) {
        ActivationShape out = spec.outputShape(ActivationShape.chw(in.c(), in.h(), in.w()));
        return new Dims(out.dims().get(0), out.dims().get(1), out.dims().get(2));
    }

    @Override
    public void run(Dims in, int n, float[] src, float[] dst, float[] scratch) {
        Dims out = out(in);
        int[][] rows = windows(in.h(), out.h(), true);
        int[][] cols = windows(in.w(), out.w(), false);
        int o = 0;
        for (int plane = 0; plane < in.c() * n; plane++) {
            int base = plane * in.plane();
            for (int oh = 0; oh < out.h(); oh++) {
                int h0 = rows[0][oh];
                int h1 = rows[1][oh];
                for (int ow = 0; ow < out.w(); ow++, o++) {
                    int w0 = cols[0][ow];
                    int w1 = cols[1][ow];
                    if (h0 >= h1 || w0 >= w1) {
                        dst[o] = 0f;
                        continue;
                    }
                    float sum = 0f;
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            sum += src[base + ih * in.w() + iw];
                        }
                    }
                    dst[o] = sum / ((long) rows[2][oh] * cols[2][ow]);
                }
            }
        }
    }

    /** Per output index along one dimension: clipped start, end, and this dimension's share of the divisor. */
    private int[][] windows(int size, int outSize, boolean vertical) {
        int[][] win = new int[3][outSize];
        for (int i = 0; i < outSize; i++) {
            if (spec instanceof LayerSpec.AvgPool2d p) {
                int k = vertical ? p.kernel().h() : p.kernel().w();
                int s = vertical ? p.stride().h() : p.stride().w();
                int pad = vertical ? p.padding().h() : p.padding().w();
                int start = i * s - pad;
                int end = Math.min(start + k, size + pad);
                int pool = end - start;
                start = Math.max(start, 0);
                end = Math.min(end, size);
                win[0][i] = start;
                win[1][i] = end;
                win[2][i] = p.countIncludePad() ? pool : end - start;
            } else {
                win[0][i] = (int) ((long) i * size / outSize);
                win[1][i] = (int) (((long) (i + 1) * size + outSize - 1) / outSize);
                win[2][i] = win[1][i] - win[0][i];
            }
        }
        return win;
    }
}
