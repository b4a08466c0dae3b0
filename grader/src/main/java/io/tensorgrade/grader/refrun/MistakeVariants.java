package io.tensorgrade.grader.refrun;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.ref.ops.BatchNorm2d;
import io.tensorgrade.ref.ops.MaxPool2d;
import io.tensorgrade.ref.ops.MaxPool2dParams;
import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.tensor.Tensor;

/**
 * Op variants that reproduce common student mistakes, selected by params that PyTorch does not have
 * ({@code max_pool2d pad_with_zeros}, {@code batch_norm2d unbiased_variance}), so that a rubric's
 * {@code mistakes:} can recompute the reference with them and name the mistake in feedback.
 */
final class MistakeVariants {

    private MistakeVariants() {
    }

    /** x padded with {@code padding} zeros on each side of H and W (not -inf, as max_pool2d pads). */
    static Tensor zeroPadded(Tensor x, Pair padding) {
        if (x.rank() != 4) {
            throw new GraderException("max_pool2d: pad_with_zeros needs a 4-D x, got " + x.shapeString());
        }
        int n = x.dim(0) * x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        int ph = padding.h();
        int pw = padding.w();
        int hp = h + 2 * ph;
        int wp = w + 2 * pw;
        double[] src = x.rawData();
        double[] out = new double[n * hp * wp];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(src, (p * h + i) * w, out, (p * hp + i + ph) * wp + pw, w);
            }
        }
        return Tensor.wrap(out, x.dim(0), x.dim(1), hp, wp);
    }

    /** The inverse of {@link #zeroPadded}: the gradient of the original x from the padded one's. */
    static Tensor cropped(Tensor padded, Pair padding) {
        int n = padded.dim(0) * padded.dim(1);
        int hp = padded.dim(2);
        int wp = padded.dim(3);
        int h = hp - 2 * padding.h();
        int w = wp - 2 * padding.w();
        double[] src = padded.rawData();
        double[] out = new double[n * h * w];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(src, (p * hp + i + padding.h()) * wp + padding.w(), out, (p * h + i) * w, w);
            }
        }
        return Tensor.wrap(out, padded.dim(0), padded.dim(1), h, w);
    }

    /** max_pool2d over a zero-padded x: what a student gets who pads with np.zeros. */
    static Tensor maxPoolZeroPadded(Tensor x, MaxPool2dParams p) {
        return MaxPool2d.forward(zeroPadded(x, p.padding()), unpadded(p));
    }

    static Tensor maxPoolZeroPaddedBackward(Tensor x, Tensor gradOut, MaxPool2dParams p) {
        return cropped(MaxPool2d.backward(zeroPadded(x, p.padding()), gradOut, unpadded(p)), p.padding());
    }

    private static MaxPool2dParams unpadded(MaxPool2dParams p) {
        return new MaxPool2dParams(p.kernelSize(), p.stride(), Pair.of(0), p.dilation(), p.ceilMode());
    }

    /**
     * Train-mode batch norm normalised with the unbiased batch variance (n - 1), which PyTorch uses only
     * for the running variance. Since var_u = var * n/(n-1), {@code (x - mean) / sqrt(var_u + eps)} equals
     * the biased form with eps * (n-1)/n, times sqrt((n-1)/n): the reference op with those two changes.
     */
    static Tensor batchNormUnbiased(Tensor x, Tensor gamma, Tensor beta, double eps) {
        if (x.rank() != 4) {
            throw new GraderException("batch_norm2d: unbiased_variance needs a 4-D x, got " + x.shapeString());
        }
        long n = (long) x.dim(0) * x.dim(2) * x.dim(3);
        if (n < 2) {
            throw new GraderException("batch_norm2d: unbiased_variance needs more than one value per channel, got x "
                    + x.shapeString());
        }
        double f = (double) (n - 1) / n;
        int c = x.dim(1);
        double[] g = new double[c];
        for (int i = 0; i < c; i++) {
            g[i] = (gamma == null ? 1 : gamma.rawData()[i]) * Math.sqrt(f);
        }
        return BatchNorm2d.forward(x, Tensor.wrap(g, c), beta, null, null, true, 0.1, eps * f).out();
    }
}
