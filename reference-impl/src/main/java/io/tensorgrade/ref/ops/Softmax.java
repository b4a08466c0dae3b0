package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.tensor.Tensor;

/**
 * {@code torch.softmax(x, dim)}: {@code exp(x) / sum(exp(x))} along {@code dim}, computed after subtracting the
 * maximum. Negative {@code dim} counts from the end.
 */
public final class Softmax {
    private static final String OP = "softmax";

    private Softmax() {
    }

    public static Tensor forward(Tensor x, int dim) {
        TensorArgs.requireNonNull(OP, "x", x);
        SoftmaxKernel k = new SoftmaxKernel(OP, x, dim);
        return Tensor.wrap(k.softmax(x.rawData()), x.shape());
    }

    /** Gradient of {@code sum(softmax(x, dim) * gradOut)} w.r.t. x. */
    public static Tensor backward(Tensor x, Tensor gradOut, int dim) {
        TensorArgs.requireNonNull(OP, "x", x);
        TensorArgs.requireSameShape(OP, "gradOut", gradOut, "x", x);
        SoftmaxKernel k = new SoftmaxKernel(OP, x, dim);
        return Tensor.wrap(k.softmaxBackward(k.softmax(x.rawData()), gradOut.rawData()), x.shape());
    }
}
