package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;

/**
 * {@code torch.nn.functional.avg_pool2d} in float64, forward and backward, on {@code (N, C, H, W)}
 * or unbatched {@code (C, H, W)} input.
 *
 * <p>The divisor follows PyTorch's CPU kernel: the window {@code [start, start + k)} is first
 * clipped to the end of input plus padding (which only matters in ceil mode); with
 * {@code count_include_pad} the divisor is the size of that clipped window, padding included,
 * otherwise the number of real input elements in it; {@code divisor_override} replaces both.
 */
public final class AvgPool2d {
    private static final String OP = "avg_pool2d";

    private AvgPool2d() {
    }

    /** The (clipped) average of every window. */
    public static Tensor forward(Tensor x, AvgPool2dParams p) {
        Plan plan = Plan.of(x, p);
        double[] in = x.rawData();
        double[] out = new double[ImageInput.outputLength(plan.outShape(), OP)];
        plan.forEachWindow((o, base, h0, h1, w0, w1, divisor) -> {
            double sum = 0;
            for (int ih = h0; ih < h1; ih++) {
                for (int iw = w0; iw < w1; iw++) {
                    sum += in[base + ih * plan.in.w() + iw];
                }
            }
            out[o] = sum / divisor;
        });
        return Tensor.wrap(out, plan.outShape());
    }

    /** The gradient with respect to {@code x}: each output's gradient, divided by its divisor, spread over its window. */
    public static Tensor backward(Tensor x, Tensor gradOut, AvgPool2dParams p) {
        Plan plan = Plan.of(x, p);
        ImageInput.checkGradOut(gradOut, plan.outShape(), OP);
        double[] go = gradOut.rawData();
        double[] gx = new double[x.size()];
        plan.forEachWindow((o, base, h0, h1, w0, w1, divisor) -> {
            double g = go[o] / divisor;
            for (int ih = h0; ih < h1; ih++) {
                for (int iw = w0; iw < w1; iw++) {
                    gx[base + ih * plan.in.w() + iw] += g;
                }
            }
        });
        return Tensor.wrap(gx, x.shape());
    }

    /** One window: output index, plane offset, input rows [h0, h1) and columns [w0, w1), divisor. */
    private interface WindowVisitor {
        void visit(int out, int base, int h0, int h1, int w0, int w1, long divisor);
    }

    /** Validated shapes of one call. */
    private record Plan(ImageInput in, AvgPool2dParams p, int outH, int outW) {

        static Plan of(Tensor x, AvgPool2dParams p) {
            if (p == null) {
                throw new RefException(OP + ": params must not be null");
            }
            ImageInput in = ImageInput.of(x, OP, true);
            int outH = Windows.outputSize(in.h(), p.kernelSize().h(), p.padding().h(), p.stride().h(), 1, p.ceilMode());
            int outW = Windows.outputSize(in.w(), p.kernelSize().w(), p.padding().w(), p.stride().w(), 1, p.ceilMode());
            Windows.requireOutput(outH, outW, p.kernelSize().h(), p.kernelSize().w(), p.padding().h(),
                    p.padding().w(), in, OP, false);
            return new Plan(in, p, outH, outW);
        }

        int[] outShape() {
            return in.shapeWith(in.c(), outH, outW);
        }

        /** Visits every output window with PyTorch's clipping and divisor; empty windows are skipped (output 0). */
        void forEachWindow(WindowVisitor v) {
            int h = in.h();
            int w = in.w();
            int o = 0;
            for (int plane = 0; plane < in.n() * in.c(); plane++) {
                int base = plane * h * w;
                for (int oh = 0; oh < outH; oh++) {
                    int h0 = oh * p.stride().h() - p.padding().h();
                    int h1 = Math.min(h0 + p.kernelSize().h(), h + p.padding().h());
                    int poolH = h1 - h0;
                    h0 = Math.max(h0, 0);
                    h1 = Math.min(h1, h);
                    for (int ow = 0; ow < outW; ow++, o++) {
                        int w0 = ow * p.stride().w() - p.padding().w();
                        int w1 = Math.min(w0 + p.kernelSize().w(), w + p.padding().w());
                        int poolW = w1 - w0;
                        w0 = Math.max(w0, 0);
                        w1 = Math.min(w1, w);
                        if (h0 >= h1 || w0 >= w1) {
                            continue;
                        }
                        long divisor;
                        if (p.divisorOverride() != null) {
                            divisor = p.divisorOverride();
                        } else if (p.countIncludePad()) {
                            divisor = (long) poolH * poolW;
                        } else {
                            divisor = (long) (h1 - h0) * (w1 - w0);
                        }
                        v.visit(o, base, h0, h1, w0, w1, divisor);
                    }
                }
            }
        }
    }
}
