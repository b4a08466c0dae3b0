package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;

/**
 * {@code torch.nn.functional.adaptive_avg_pool2d} in float64, forward and backward, on
 * {@code (N, C, H, W)} or unbatched {@code (C, H, W)} input. Output cell {@code i} of a dimension
 * of size {@code in} averages input {@code [floor(i*in/out), ceil((i+1)*in/out))}; neighbouring
 * windows may overlap when {@code out} does not divide {@code in}.
 */
public final class AdaptiveAvgPool2d {
    private static final String OP = "adaptive_avg_pool2d";

    private AdaptiveAvgPool2d() {
    }

    /** Averages over adaptive windows giving an output of {@code outputSize} (H, W). */
    public static Tensor forward(Tensor x, Pair outputSize) {
        ImageInput in = check(x, outputSize);
        double[] data = x.rawData();
        int oH = outputSize.h();
        int oW = outputSize.w();
        double[] out = new double[ImageInput.outputLength(in.shapeWith(in.c(), oH, oW), OP)];
        int o = 0;
        for (int plane = 0; plane < in.n() * in.c(); plane++) {
            int base = plane * in.h() * in.w();
            for (int oh = 0; oh < oH; oh++) {
                int h0 = start(oh, oH, in.h());
                int h1 = end(oh, oH, in.h());
                for (int ow = 0; ow < oW; ow++) {
                    int w0 = start(ow, oW, in.w());
                    int w1 = end(ow, oW, in.w());
                    double sum = 0;
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            sum += data[base + ih * in.w() + iw];
                        }
                    }
                    out[o++] = sum / ((h1 - h0) * (w1 - w0));
                }
            }
        }
        return Tensor.wrap(out, in.shapeWith(in.c(), oH, oW));
    }

    /** The gradient with respect to {@code x}: each output's gradient spread evenly over its window. */
    public static Tensor backward(Tensor x, Tensor gradOut, Pair outputSize) {
        ImageInput in = check(x, outputSize);
        int oH = outputSize.h();
        int oW = outputSize.w();
        ImageInput.checkGradOut(gradOut, in.shapeWith(in.c(), oH, oW), OP);
        double[] go = gradOut.rawData();
        double[] gx = new double[x.size()];
        int o = 0;
        for (int plane = 0; plane < in.n() * in.c(); plane++) {
            int base = plane * in.h() * in.w();
            for (int oh = 0; oh < oH; oh++) {
                int h0 = start(oh, oH, in.h());
                int h1 = end(oh, oH, in.h());
                for (int ow = 0; ow < oW; ow++) {
                    int w0 = start(ow, oW, in.w());
                    int w1 = end(ow, oW, in.w());
                    double g = go[o++] / ((h1 - h0) * (w1 - w0));
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            gx[base + ih * in.w() + iw] += g;
                        }
                    }
                }
            }
        }
        return Tensor.wrap(gx, x.shape());
    }

    private static ImageInput check(Tensor x, Pair outputSize) {
        if (outputSize == null) {
            throw new RefException(OP + ": output_size must not be null");
        }
        if (outputSize.h() < 0 || outputSize.w() < 0) {
            throw new RefException(OP + ": output_size=" + outputSize + " must be non-negative");
        }
        return ImageInput.of(x, OP, true);
    }

    /** floor(i * in / out), in long arithmetic. */
    private static int start(int i, int out, int in) {
        return (int) ((long) i * in / out);
    }

    /** ceil((i + 1) * in / out), in long arithmetic. */
    private static int end(int i, int out, int in) {
        return (int) (((long) (i + 1) * in + out - 1) / out);
    }
}
