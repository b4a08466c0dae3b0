package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.tensor.Tensor;

/** {@code torch.relu}: {@code max(x, 0)}, elementwise; NaN stays NaN and -0.0 stays -0.0, as in PyTorch. */
public final class Relu {
    private static final String OP = "relu";

    private Relu() {
    }

    public static Tensor forward(Tensor x) {
        TensorArgs.requireNonNull(OP, "x", x);
        double[] xs = x.rawData();
        double[] y = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            // Written this way round so that NaN and -0.0 pass through like torch.clamp_min.
            y[i] = xs[i] < 0 ? 0.0 : xs[i];
        }
        return Tensor.wrap(y, x.shape());
    }

    /** {@code gradOut} where {@code x > 0}, else 0: the gradient at exactly 0 is 0, as in PyTorch. */
    public static Tensor backward(Tensor x, Tensor gradOut) {
        TensorArgs.requireNonNull(OP, "x", x);
        TensorArgs.requireSameShape(OP, "gradOut", gradOut, "x", x);
        double[] xs = x.rawData();
        double[] gs = gradOut.rawData();
        double[] g = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            g[i] = xs[i] > 0 ? gs[i] : 0.0;
        }
        return Tensor.wrap(g, x.shape());
    }
}
