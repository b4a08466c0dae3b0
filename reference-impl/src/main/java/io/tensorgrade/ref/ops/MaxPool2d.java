package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;

/**
 * {@code torch.nn.functional.max_pool2d} in float64, forward and backward, on {@code (N, C, H, W)}
 * or unbatched {@code (C, H, W)} input. Like PyTorch's CPU kernel, each window is scanned in
 * row-major order and the first strict maximum wins, so on ties the gradient goes to the first
 * maximum; a NaN always takes over (the last NaN in the window wins) and propagates.
 */
public final class MaxPool2d {
    private static final String OP = "max_pool2d";

    private MaxPool2d() {
    }

    /** The maximum of every (dilated, padded) window. */
    public static Tensor forward(Tensor x, MaxPool2dParams p) {
        Plan plan = Plan.of(x, p);
        int[] arg = plan.argmax(x.rawData());
        double[] in = x.rawData();
        double[] out = new double[arg.length];
        for (int i = 0; i < arg.length; i++) {
            out[i] = arg[i] < 0 ? Double.NEGATIVE_INFINITY : in[arg[i]];
        }
        return Tensor.wrap(out, plan.outShape());
    }

    /** The gradient with respect to {@code x}: each output's gradient is added to its window's maximum. */
    public static Tensor backward(Tensor x, Tensor gradOut, MaxPool2dParams p) {
        Plan plan = Plan.of(x, p);
        ImageInput.checkGradOut(gradOut, plan.outShape(), OP);
        int[] arg = plan.argmax(x.rawData());
        double[] go = gradOut.rawData();
        double[] gx = new double[x.size()];
        for (int i = 0; i < arg.length; i++) {
            if (arg[i] >= 0) {
                gx[arg[i]] += go[i];
            }
        }
        return Tensor.wrap(gx, x.shape());
    }

    /** Validated shapes of one call. */
    private record Plan(ImageInput in, MaxPool2dParams p, int outH, int outW) {

        static Plan of(Tensor x, MaxPool2dParams p) {
            if (p == null) {
                throw new RefException(OP + ": params must not be null");
            }
            ImageInput in = ImageInput.of(x, OP, true);
            int outH = Windows.outputSize(in.h(), p.kernelSize().h(), p.padding().h(), p.stride().h(),
                    p.dilation().h(), p.ceilMode());
            int outW = Windows.outputSize(in.w(), p.kernelSize().w(), p.padding().w(), p.stride().w(),
                    p.dilation().w(), p.ceilMode());
            Windows.requireOutput(outH, outW, Windows.effective(p.kernelSize().h(), p.dilation().h()),
                    Windows.effective(p.kernelSize().w(), p.dilation().w()), p.padding().h(), p.padding().w(), in, OP,
                    true);
            return new Plan(in, p, outH, outW);
        }

        int[] outShape() {
            return in.shapeWith(in.c(), outH, outW);
        }

        /** Flat input index of each output's maximum, or -1 for a window with no input element. */
        int[] argmax(double[] x) {
            int h = in.h();
            int w = in.w();
            int kH = p.kernelSize().h();
            int kW = p.kernelSize().w();
            int dH = p.dilation().h();
            int dW = p.dilation().w();
            int[] arg = new int[ImageInput.outputLength(outShape(), OP)];
            int o = 0;
            for (int plane = 0; plane < in.n() * in.c(); plane++) {
                int base = plane * h * w;
                for (int oh = 0; oh < outH; oh++) {
                    // Same window bounds as PyTorch: the end is clipped to the input, the start
                    // steps forward by the dilation until it leaves the padding.
                    long h0 = (long) oh * p.stride().h() - p.padding().h();
                    long h1 = Math.min(h0 + (long) (kH - 1) * dH + 1, h);
                    while (h0 < 0) {
                        h0 += dH;
                    }
                    for (int ow = 0; ow < outW; ow++) {
                        long w0 = (long) ow * p.stride().w() - p.padding().w();
                        long w1 = Math.min(w0 + (long) (kW - 1) * dW + 1, w);
                        while (w0 < 0) {
                            w0 += dW;
                        }
                        int best = -1;
                        double max = Double.NEGATIVE_INFINITY;
                        for (long ih = h0; ih < h1; ih += dH) {
                            for (long iw = w0; iw < w1; iw += dW) {
                                int idx = base + (int) (ih * w + iw);
                                double v = x[idx];
                                // best < 0: a window of only -inf still points at its first element.
                                if (v > max || Double.isNaN(v) || best < 0) {
                                    max = v;
                                    best = idx;
                                }
                            }
                        }
                        arg[o++] = best;
                    }
                }
            }
            return arg;
        }
    }
}
