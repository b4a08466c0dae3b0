package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;

/**
 * {@code torch.nn.functional.mse_loss}: {@code (input - target)^2}, reduced. Unlike PyTorch, which broadcasts
 * with a warning, input and target must have the same shape: a mismatch is almost always a bug.
 */
public final class MseLoss {
    private static final String OP = "mse_loss";

    private MseLoss() {
    }

    /** A 0-d tensor for MEAN and SUM (MEAN of an empty input is NaN, as in PyTorch), the input's shape for NONE. */
    public static Tensor forward(Tensor input, Tensor target, Reduction r) {
        check(input, target, r);
        double[] a = input.rawData();
        double[] b = target.rawData();
        double[] sq = new double[a.length];
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sq[i] = d * d;
            sum += sq[i];
        }
        return switch (r) {
            case MEAN -> Tensor.scalar(sum / a.length);
            case SUM -> Tensor.scalar(sum);
            case NONE -> Tensor.wrap(sq, input.shape());
        };
    }

    /**
     * Gradient w.r.t. {@code input} of {@code sum(forward(...) * gradOut)}: {@code 2 (input - target) gradOut},
     * divided by the element count for MEAN. {@code gradOut} has the loss's shape, or is null for ones.
     */
    public static Tensor backward(Tensor input, Tensor target, Reduction r, Tensor gradOut) {
        check(input, target, r);
        double[] g = TensorArgs.lossGrad(OP, gradOut, r, input.shape());
        double[] a = input.rawData();
        double[] b = target.rawData();
        double[] gx = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double scale = switch (r) {
                case MEAN -> 2 * g[0] / a.length;
                case SUM -> 2 * g[0];
                case NONE -> 2 * g[i];
            };
            gx[i] = scale * (a[i] - b[i]);
        }
        return Tensor.wrap(gx, input.shape());
    }

    private static void check(Tensor input, Tensor target, Reduction r) {
        TensorArgs.requireNonNull(OP, "input", input);
        TensorArgs.requireSameShape(OP, "target", target, "input", input);
        if (r == null) {
            throw new RefException(OP + ": reduction must not be null");
        }
    }
}
