package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.tensor.Tensor;

/** {@code torch.sigmoid}: {@code 1 / (1 + exp(-x))}, elementwise. */
public final class Sigmoid {
    private static final String OP = "sigmoid";

    private Sigmoid() {
    }

    public static Tensor forward(Tensor x) {
        TensorArgs.requireNonNull(OP, "x", x);
        double[] xs = x.rawData();
        double[] y = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            y[i] = value(xs[i]);
        }
        return Tensor.wrap(y, x.shape());
    }

    /** {@code gradOut * y * (1 - y)} with {@code y = sigmoid(x)}, as PyTorch computes it from the output. */
    public static Tensor backward(Tensor x, Tensor gradOut) {
        TensorArgs.requireNonNull(OP, "x", x);
        TensorArgs.requireSameShape(OP, "gradOut", gradOut, "x", x);
        double[] xs = x.rawData();
        double[] gs = gradOut.rawData();
        double[] g = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double y = value(xs[i]);
            g[i] = gs[i] * (1 - y) * y;
        }
        return Tensor.wrap(g, x.shape());
    }

    /**
     * The plain formula is already safe in IEEE doubles: exp(-x) overflows to +inf for x below about -709 and
     * 1/inf is exactly 0, with no NaN. It also matches PyTorch's float64 values bit for bit there, where a
     * {@code exp(x) / (1 + exp(x))} branch would return subnormals instead of PyTorch's 0.
     */
    static double value(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
