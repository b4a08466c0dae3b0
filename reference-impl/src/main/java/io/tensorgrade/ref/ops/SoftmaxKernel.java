package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;

/**
 * Softmax and log-softmax along one dimension of a row-major array, seen as {@code [outer, size, inner]}.
 * Both subtract the maximum first so that logits of 1e4 neither overflow nor lose the result.
 */
final class SoftmaxKernel {
    final int outer;
    final int size;
    final int inner;

    /** The layout of {@code x} around {@code dim} (negative counts from the end; a 0-d tensor has one slot). */
    SoftmaxKernel(String op, Tensor x, int dim) {
        int[] shape = x.shape();
        // PyTorch accepts dim 0 and -1 for a 0-d tensor, as for a 1-d one.
        int rank = Math.max(shape.length, 1);
        if (dim < -rank || dim >= rank) {
            throw new RefException(op + ": dim=" + dim + " is out of range for x of shape " + x.shapeString()
                    + " (expected " + -rank + ".." + (rank - 1) + ")");
        }
        int d = dim < 0 ? dim + rank : dim;
        int o = 1;
        int in = 1;
        for (int i = 0; i < d; i++) {
            o *= shape[i];
        }
        for (int i = d + 1; i < shape.length; i++) {
            in *= shape[i];
        }
        outer = o;
        size = shape.length == 0 ? 1 : shape[d];
        inner = in;
    }

    double[] softmax(double[] xs) {
        double[] y = new double[xs.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * size * inner + i;
                double max = max(xs, base);
                double sum = 0;
                for (int k = 0; k < size; k++) {
                    double e = Math.exp(xs[base + k * inner] - max);
                    y[base + k * inner] = e;
                    sum += e;
                }
                for (int k = 0; k < size; k++) {
                    y[base + k * inner] /= sum;
                }
            }
        }
        return y;
    }

    double[] logSoftmax(double[] xs) {
        double[] y = new double[xs.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * size * inner + i;
                double max = max(xs, base);
                double sum = 0;
                for (int k = 0; k < size; k++) {
                    sum += Math.exp(xs[base + k * inner] - max);
                }
                double logSum = Math.log(sum);
                for (int k = 0; k < size; k++) {
                    y[base + k * inner] = xs[base + k * inner] - max - logSum;
                }
            }
        }
        return y;
    }

    /** {@code y * (g - sum(g * y))} along the dimension, for {@code y = softmax(x)}. */
    double[] softmaxBackward(double[] y, double[] g) {
        double[] gx = new double[y.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * size * inner + i;
                double dot = 0;
                for (int k = 0; k < size; k++) {
                    dot += g[base + k * inner] * y[base + k * inner];
                }
                for (int k = 0; k < size; k++) {
                    int j = base + k * inner;
                    gx[j] = y[j] * (g[j] - dot);
                }
            }
        }
        return gx;
    }

    /** {@code g - exp(out) * sum(g)} along the dimension, for {@code out = log_softmax(x)}. */
    double[] logSoftmaxBackward(double[] out, double[] g) {
        double[] gx = new double[out.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * size * inner + i;
                double sum = 0;
                for (int k = 0; k < size; k++) {
                    sum += g[base + k * inner];
                }
                for (int k = 0; k < size; k++) {
                    int j = base + k * inner;
                    gx[j] = g[j] - Math.exp(out[j]) * sum;
                }
            }
        }
        return gx;
    }

    private double max(double[] xs, int base) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < size; k++) {
            double v = xs[base + k * inner];
            // NaN must win, as in PyTorch, so that it propagates to the whole slice.
            if (v > m || Double.isNaN(v)) {
                m = v;
                if (Double.isNaN(v)) {
                    break;
                }
            }
        }
        return m;
    }
}
