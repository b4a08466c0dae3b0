package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.Arrays;

/**
 * {@code torch.nn.functional.conv2d} in float64: cross-correlation with zero padding, stride,
 * dilation and groups, forward and backward. Input {@code (N, C, H, W)} or unbatched
 * {@code (C, H, W)}; weight {@code (out_channels, C/groups, kH, kW)}; optional bias
 * {@code (out_channels)}.
 */
public final class Conv2d {
    private static final String OP = "conv2d";

    private Conv2d() {
    }

    /** The convolution of {@code x} with {@code weight}, plus {@code bias} when it is not null. */
    public static Tensor forward(Tensor x, Tensor weight, Tensor bias, Conv2dParams p) {
        Geometry g = Geometry.of(x, weight, p);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != g.outC)) {
            throw new RefException(OP + ": bias must have shape [" + g.outC + "] (out_channels), got "
                    + bias.shapeString());
        }
        double[] in = x.rawData();
        double[] w = weight.rawData();
        double[] out = new double[g.outSize()];
        int outPlane = g.outH * g.outW;
        for (int n = 0; n < g.in.n(); n++) {
            for (int oc = 0; oc < g.outC; oc++) {
                int outBase = (n * g.outC + oc) * outPlane;
                if (bias != null) {
                    Arrays.fill(out, outBase, outBase + outPlane, bias.rawData()[oc]);
                }
                int group = oc / g.outPerGroup;
                for (int icg = 0; icg < g.inPerGroup; icg++) {
                    int inBase = (n * g.in.c() + group * g.inPerGroup + icg) * g.in.h() * g.in.w();
                    int wBase = (oc * g.inPerGroup + icg) * g.kH * g.kW;
                    for (int kh = 0; kh < g.kH; kh++) {
                        for (int kw = 0; kw < g.kW; kw++) {
                            double wv = w[wBase + kh * g.kW + kw];
                            int iwOff = kw * g.p.dilation().w() - g.p.padding().w();
                            for (int oh = g.ohLo[kh]; oh < g.ohHi[kh]; oh++) {
                                int ih = oh * g.p.stride().h() + kh * g.p.dilation().h() - g.p.padding().h();
                                int inRow = inBase + ih * g.in.w() + iwOff;
                                int outRow = outBase + oh * g.outW;
                                int sw = g.p.stride().w();
                                for (int ow = g.owLo[kw]; ow < g.owHi[kw]; ow++) {
                                    out[outRow + ow] += wv * in[inRow + ow * sw];
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor.wrap(out, g.in.shapeWith(g.outC, g.outH, g.outW));
    }

    /**
     * Gradients of {@code sum(forward(x, weight, bias) * gradOut)} with respect to x, weight and,
     * when {@code hasBias}, the bias (the bias value itself does not enter the gradients).
     */
    public static ConvGrads backward(Tensor x, Tensor weight, boolean hasBias, Tensor gradOut, Conv2dParams p) {
        Geometry g = Geometry.of(x, weight, p);
        ImageInput.checkGradOut(gradOut, g.in.shapeWith(g.outC, g.outH, g.outW), OP);
        double[] in = x.rawData();
        double[] w = weight.rawData();
        double[] go = gradOut.rawData();
        double[] gx = new double[in.length];
        double[] gw = new double[w.length];
        double[] gb = hasBias ? new double[g.outC] : null;
        int outPlane = g.outH * g.outW;
        for (int n = 0; n < g.in.n(); n++) {
            for (int oc = 0; oc < g.outC; oc++) {
                int outBase = (n * g.outC + oc) * outPlane;
                if (gb != null) {
                    for (int i = outBase; i < outBase + outPlane; i++) {
                        gb[oc] += go[i];
                    }
                }
                int group = oc / g.outPerGroup;
                for (int icg = 0; icg < g.inPerGroup; icg++) {
                    int inBase = (n * g.in.c() + group * g.inPerGroup + icg) * g.in.h() * g.in.w();
                    int wBase = (oc * g.inPerGroup + icg) * g.kH * g.kW;
                    for (int kh = 0; kh < g.kH; kh++) {
                        for (int kw = 0; kw < g.kW; kw++) {
                            double wv = w[wBase + kh * g.kW + kw];
                            double gwAcc = 0;
                            int iwOff = kw * g.p.dilation().w() - g.p.padding().w();
                            for (int oh = g.ohLo[kh]; oh < g.ohHi[kh]; oh++) {
                                int ih = oh * g.p.stride().h() + kh * g.p.dilation().h() - g.p.padding().h();
                                int inRow = inBase + ih * g.in.w() + iwOff;
                                int outRow = outBase + oh * g.outW;
                                int sw = g.p.stride().w();
                                for (int ow = g.owLo[kw]; ow < g.owHi[kw]; ow++) {
                                    double gov = go[outRow + ow];
                                    gx[inRow + ow * sw] += wv * gov;
                                    gwAcc += in[inRow + ow * sw] * gov;
                                }
                            }
                            gw[wBase + kh * g.kW + kw] += gwAcc;
                        }
                    }
                }
            }
        }
        return new ConvGrads(Tensor.wrap(gx, x.shape()), Tensor.wrap(gw, weight.shape()),
                gb == null ? null : Tensor.wrap(gb, g.outC));
    }

    /** Validated shapes plus, per kernel offset, the output range whose taps fall inside the input. */
    private static final class Geometry {
        final ImageInput in;
        final Conv2dParams p;
        final int outC;
        final int inPerGroup;
        final int outPerGroup;
        final int kH;
        final int kW;
        final int outH;
        final int outW;
        final int[] ohLo;
        final int[] ohHi;
        final int[] owLo;
        final int[] owHi;

        private Geometry(ImageInput in, Tensor weight, Conv2dParams p) {
            this.in = in;
            this.p = p;
            outC = weight.dim(0);
            inPerGroup = weight.dim(1);
            outPerGroup = outC / p.groups();
            kH = weight.dim(2);
            kW = weight.dim(3);
            outH = Windows.outputSize(in.h(), kH, p.padding().h(), p.stride().h(), p.dilation().h(), false);
            outW = Windows.outputSize(in.w(), kW, p.padding().w(), p.stride().w(), p.dilation().w(), false);
            Windows.requireOutput(outH, outW, Windows.effective(kH, p.dilation().h()),
                    Windows.effective(kW, p.dilation().w()), p.padding().h(), p.padding().w(), in, OP, true);
            ohLo = new int[kH];
            ohHi = new int[kH];
            for (int k = 0; k < kH; k++) {
                long off = (long) k * p.dilation().h() - p.padding().h();
                ohLo[k] = Windows.firstValid(off, p.stride().h(), outH);
                ohHi[k] = Windows.endValid(off, p.stride().h(), in.h(), outH);
            }
            owLo = new int[kW];
            owHi = new int[kW];
            for (int k = 0; k < kW; k++) {
                long off = (long) k * p.dilation().w() - p.padding().w();
                owLo[k] = Windows.firstValid(off, p.stride().w(), outW);
                owHi[k] = Windows.endValid(off, p.stride().w(), in.w(), outW);
            }
        }

        static Geometry of(Tensor x, Tensor weight, Conv2dParams p) {
            if (p == null) {
                throw new RefException(OP + ": params must not be null");
            }
            ImageInput in = ImageInput.of(x, OP, false);
            if (weight == null) {
                throw new RefException(OP + ": weight must not be null");
            }
            if (weight.rank() != 4) {
                throw new RefException(OP + ": weight must be 4-D (out_channels, in_channels/groups, kH, kW), got shape "
                        + weight.shapeString());
            }
            if (weight.size() == 0) {
                throw new RefException(OP + ": weight shape " + weight.shapeString() + " has an empty dimension");
            }
            int groups = p.groups();
            if (in.c() % groups != 0) {
                throw new RefException(OP + ": groups=" + groups + " does not divide in_channels=" + in.c());
            }
            if (weight.dim(0) % groups != 0) {
                throw new RefException(OP + ": groups=" + groups + " does not divide out_channels=" + weight.dim(0)
                        + " (weight " + weight.shapeString() + ")");
            }
            if ((long) weight.dim(1) * groups != in.c()) {
                throw new RefException(OP + ": weight " + weight.shapeString() + " with groups=" + groups + " expects "
                        + (long) weight.dim(1) * groups + " input channels, input " + x.shapeString() + " has " + in.c());
            }
            return new Geometry(in, weight, p);
        }

        int outSize() {
            return ImageInput.outputLength(in.shapeWith(outC, outH, outW), OP);
        }
    }
}
