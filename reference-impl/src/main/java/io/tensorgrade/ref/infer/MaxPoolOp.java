package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.LayerSpec;

/**
 * {@code max_pool2d} with PyTorch's windows (padding as negative infinity, dilation, ceil mode); a NaN
 * in a window wins, as in PyTorch. The common 2x2 stride-2 case has its own loop.
 */
final class MaxPoolOp implements Op {
    private final LayerSpec.MaxPool2d spec;

    MaxPoolOp(LayerSpec.MaxPool2d spec) {
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
        int planes = in.c() * n;
        if (isPlain2x2(in, out)) {
            plain2x2(src, dst, planes, in, out);
            return;
        }
        int kH = spec.kernel().h();
        int kW = spec.kernel().w();
        int dH = spec.dilation().h();
        int dW = spec.dilation().w();
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * in.plane();
            for (int oh = 0; oh < out.h(); oh++) {
                // PyTorch's bounds: the end is clipped to the input, the start steps by the dilation out of the padding.
                int h0 = oh * spec.stride().h() - spec.padding().h();
                int h1 = Math.min(h0 + (kH - 1) * dH + 1, in.h());
                while (h0 < 0) {
                    h0 += dH;
                }
                for (int ow = 0; ow < out.w(); ow++) {
                    int w0 = ow * spec.stride().w() - spec.padding().w();
                    int w1 = Math.min(w0 + (kW - 1) * dW + 1, in.w());
                    while (w0 < 0) {
                        w0 += dW;
                    }
                    float max = Float.NEGATIVE_INFINITY;
                    for (int ih = h0; ih < h1; ih += dH) {
                        for (int iw = w0; iw < w1; iw += dW) {
                            float v = src[base + ih * in.w() + iw];
                            if (v > max || v != v) {
                                max = v;
                            }
                        }
                    }
                    dst[o++] = max;
                }
            }
        }
    }

    private boolean isPlain2x2(Dims in, Dims out) {
        return spec.kernel().h() == 2 && spec.kernel().w() == 2 && spec.stride().h() == 2 && spec.stride().w() == 2
                && spec.padding().h() == 0 && spec.padding().w() == 0 && out.h() * 2 <= in.h()
                && out.w() * 2 <= in.w();
    }

    private static void plain2x2(float[] src, float[] dst, int planes, Dims in, Dims out) {
        int inW = in.w();
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * in.plane();
            for (int oh = 0; oh < out.h(); oh++) {
                int r0 = base + 2 * oh * inW;
                int r1 = r0 + inW;
                for (int ow = 0; ow < out.w(); ow++) {
                    dst[o++] = max4(src[r0 + 2 * ow], src[r0 + 2 * ow + 1], src[r1 + 2 * ow], src[r1 + 2 * ow + 1]);
                }
            }
        }
    }

    /**
     * Branch-free maximum (random data makes compare-and-branch mispredict half the time); a NaN wins as in
     * PyTorch. Unlike PyTorch's first-maximum scan it may return {@code 0.0} for a window holding both
     * {@code -0.0} and {@code 0.0}, which compare equal.
     */
    private static float max4(float a, float b, float c, float d) {
        return Math.max(Math.max(a, b), Math.max(c, d));
    }
}
