package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.Arrays;

/**
 * {@code torch.nn.functional.linear}: {@code x @ weight^T + bias} for x of shape {@code [*, in_features]},
 * weight {@code [out_features, in_features]} and bias {@code [out_features]} (nullable); the output has shape
 * {@code [*, out_features]}.
 */
public final class Linear {
    private static final String OP = "linear";

    private Linear() {
    }

    /** {@code x @ weight^T + bias}. */
    public static Tensor forward(Tensor x, Tensor weight, Tensor bias) {
        check(x, weight);
        int out = weight.dim(0);
        int in = weight.dim(1);
        if (bias != null) {
            TensorArgs.requireVector(OP, "bias", bias, out, "out_features of weight " + weight.shapeString());
        }
        int rows = rowsOf(x);
        double[] xs = x.rawData();
        double[] ws = weight.rawData();
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int k = 0; k < in; k++) {
                    s += xs[r * in + k] * ws[o * in + k];
                }
                y[r * out + o] = bias == null ? s : s + bias.rawData()[o];
            }
        }
        return Tensor.wrap(y, outShape(x, out));
    }

    /** Gradients of {@code sum(forward(x, weight, bias) * gradOut)} w.r.t. x, weight and (if hasBias) bias. */
    public static LinearGrads backward(Tensor x, Tensor weight, boolean hasBias, Tensor gradOut) {
        check(x, weight);
        int out = weight.dim(0);
        int in = weight.dim(1);
        TensorArgs.requireShape(OP, "gradOut", gradOut, outShape(x, out));
        int rows = rowsOf(x);
        double[] xs = x.rawData();
        double[] ws = weight.rawData();
        double[] gs = gradOut.rawData();
        double[] gx = new double[xs.length];
        double[] gw = new double[ws.length];
        double[] gb = new double[out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double g = gs[r * out + o];
                gb[o] += g;
                for (int k = 0; k < in; k++) {
                    gx[r * in + k] += g * ws[o * in + k];
                    gw[o * in + k] += g * xs[r * in + k];
                }
            }
        }
        return new LinearGrads(Tensor.wrap(gx, x.shape()), Tensor.wrap(gw, weight.shape()),
                hasBias ? Tensor.wrap(gb, out) : null);
    }

    private static void check(Tensor x, Tensor weight) {
        TensorArgs.requireNonNull(OP, "x", x);
        TensorArgs.requireRank(OP, "weight", weight, 2);
        if (x.rank() == 0) {
            throw new RefException(OP + ": x must have at least 1 dimension, got a 0-d tensor");
        }
        if (x.dim(-1) != weight.dim(1)) {
            throw new RefException(OP + ": x last dim=" + x.dim(-1) + " (x shape " + x.shapeString()
                    + ") does not match in_features=" + weight.dim(1) + " of weight " + weight.shapeString());
        }
    }

    /** The number of rows of x seen as a matrix {@code [rows, in_features]}. */
    private static int rowsOf(Tensor x) {
        int[] s = x.shape();
        int rows = 1;
        for (int i = 0; i < s.length - 1; i++) {
            rows *= s[i];
        }
        return rows;
    }

    private static int[] outShape(Tensor x, int out) {
        int[] s = Arrays.copyOf(x.shape(), x.rank());
        s[s.length - 1] = out;
        return s;
    }
}
