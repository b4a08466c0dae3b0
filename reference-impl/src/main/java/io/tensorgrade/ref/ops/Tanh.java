package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.tensor.Tensor;

/** {@code torch.tanh}, elementwise; saturates to exactly +-1 for large |x|. */
public final class Tanh {
    private static final String OP = "tanh";

    private Tanh() {
    }

    public static Tensor forward(Tensor x) {
        TensorArgs.requireNonNull(OP, "x", x);
        double[] xs = x.rawData();
        double[] y = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            y[i] = Math.tanh(xs[i]);
        }
        return Tensor.wrap(y, x.shape());
    }

    /** {@code gradOut * (1 - y^2)} with {@code y = tanh(x)}, as PyTorch computes it from the output. */
    public static Tensor backward(Tensor x, Tensor gradOut) {
        TensorArgs.requireNonNull(OP, "x", x);
        TensorArgs.requireSameShape(OP, "gradOut", gradOut, "x", x);
        double[] xs = x.rawData();
        double[] gs = gradOut.rawData();
        double[] g = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double y = Math.tanh(xs[i]);
            g[i] = gs[i] * (1 - y * y);
        }
        return Tensor.wrap(g, x.shape());
    }
}
