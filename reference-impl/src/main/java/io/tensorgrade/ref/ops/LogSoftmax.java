package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.tensor.Tensor;

/**
 * {@code torch.log_softmax(x, dim)}: {@code x - max - log(sum(exp(x - max)))} along {@code dim}. Negative
 * {@code dim} counts from the end.
 */
public final class LogSoftmax {
    private static final String OP = "log_softmax";

    private LogSoftmax() {
    }

    public static Tensor forward(Tensor x, int dim) {
        TensorArgs.requireNonNull(OP, "x", x);
        SoftmaxKernel k = new SoftmaxKernel(OP, x, dim);
        return Tensor.wrap(k.logSoftmax(x.rawData()), x.shape());
    }

    /** Gradient of {@code sum(log_softmax(x, dim) * gradOut)} w.r.t. x. */
    public static Tensor backward(Tensor x, Tensor gradOut, int dim) {
        TensorArgs.requireNonNull(OP, "x", x);
        TensorArgs.requireSameShape(OP, "gradOut", gradOut, "x", x);
        SoftmaxKernel k = new SoftmaxKernel(OP, x, dim);
        return Tensor.wrap(k.logSoftmaxBackward(k.logSoftmax(x.rawData()), gradOut.rawData()), x.shape());
    }
}
