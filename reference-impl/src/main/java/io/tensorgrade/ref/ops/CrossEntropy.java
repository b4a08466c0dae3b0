package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;

/**
 * {@code torch.nn.functional.cross_entropy} from logits {@code [N, C]} (or {@code [C]} for one sample) and class
 * indices, without class weights or label smoothing. A target of {@value #IGNORE_INDEX} is PyTorch's default
 * {@code ignore_index}: that sample contributes 0 and is left out of the mean's count. The loss is
 * {@code logsumexp(x) - x[target]}, computed after subtracting the row maximum so logits of 1e4 stay finite.
 */
public final class CrossEntropy {
    /** PyTorch's default {@code ignore_index}. */
    public static final long IGNORE_INDEX = -100;
    private static final String OP = "cross_entropy";

    private CrossEntropy() {
    }

    /**
     * The loss: a 0-d tensor for MEAN and SUM; for NONE one value per sample, shape {@code [N]}, or 0-d for
     * {@code [C]} logits, as PyTorch returns.
     */
    public static Tensor forward(Tensor logits, long[] target, Reduction r) {
        Rows rows = Rows.of(logits, target, r);
        double[] logProb = new SoftmaxKernel(OP, logits, -1).logSoftmax(logits.rawData());
        double[] losses = new double[rows.n];
        double sum = 0;
        for (int i = 0; i < rows.n; i++) {
            if (target[i] != IGNORE_INDEX) {
                losses[i] = -logProb[i * rows.c + (int) target[i]];
                sum += losses[i];
            }
        }
        return switch (r) {
            // 0 / 0 = NaN when every sample is ignored, as in PyTorch.
            case MEAN -> Tensor.scalar(sum / rows.counted);
            case SUM -> Tensor.scalar(sum);
            case NONE -> Tensor.wrap(losses, rows.lossShape);
        };
    }

    /**
     * Gradient w.r.t. the logits of {@code sum(forward(...) * gradOut)}: {@code (softmax(x) - onehot(target))}
     * scaled per sample. {@code gradOut} has the loss's shape, or is null for ones.
     */
    public static Tensor backward(Tensor logits, long[] target, Reduction r, Tensor gradOut) {
        Rows rows = Rows.of(logits, target, r);
        double[] g = TensorArgs.lossGrad(OP, gradOut, r, rows.lossShape);
        double[] p = new SoftmaxKernel(OP, logits, -1).softmax(logits.rawData());
        for (int i = 0; i < rows.n; i++) {
            double scale;
            if (target[i] == IGNORE_INDEX) {
                scale = 0;
            } else if (r == Reduction.NONE) {
                scale = g[i];
            } else if (r == Reduction.SUM) {
                scale = g[0];
            } else {
                scale = g[0] / rows.counted;
            }
            for (int j = 0; j < rows.c; j++) {
                int k = i * rows.c + j;
                // PyTorch's gradient for an ignored row is exactly 0, even when all rows are ignored.
                double onehot = target[i] == j ? 1 : 0;
                p[k] = target[i] == IGNORE_INDEX ? 0 : scale * (p[k] - onehot);
            }
        }
        return Tensor.wrap(p, logits.shape());
    }

    /** The logits seen as {@code [n, c]}, with the target checked against them. */
    private static final class Rows {
        final int n;
        final int c;
        final int counted;
        final int[] lossShape;

        private Rows(int n, int c, int counted, int[] lossShape) {
            this.n = n;
            this.c = c;
            this.counted = counted;
            this.lossShape = lossShape;
        }

        static Rows of(Tensor logits, long[] target, Reduction r) {
            TensorArgs.requireNonNull(OP, "logits", logits);
            if (r == null) {
                throw new RefException(OP + ": reduction must not be null");
            }
            if (target == null) {
                throw new RefException(OP + ": target must not be null");
            }
            if (logits.rank() != 1 && logits.rank() != 2) {
                throw new RefException(OP + ": logits must be [N, C] or [C], got shape " + logits.shapeString());
            }
            boolean single = logits.rank() == 1;
            int n = single ? 1 : logits.dim(0);
            int c = logits.dim(-1);
            if (target.length != n) {
                throw new RefException(OP + ": target has " + target.length + " values, expected " + n
                        + (single ? " for logits of shape " : " (N of logits ") + logits.shapeString()
                        + (single ? "" : ")"));
            }
            int counted = 0;
            for (int i = 0; i < n; i++) {
                long t = target[i];
                if (t == IGNORE_INDEX) {
                    continue;
                }
                if (t < 0 || t >= c) {
                    throw new RefException(OP + ": target[" + i + "]=" + t + " is out of range for C=" + c
                            + " classes (expected 0.." + (c - 1) + ", or " + IGNORE_INDEX + " to ignore)");
                }
                counted++;
            }
            return new Rows(n, c, counted, single ? new int[0] : new int[] {n});
        }
    }
}
