package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;

/**
 * {@code torch.nn.functional.batch_norm} on NCHW input, as {@code nn.BatchNorm2d} calls it. Training mode
 * normalizes with the batch mean and the biased batch variance over (N, H, W) and updates the running
 * statistics as {@code (1 - momentum) * running + momentum * batch}, with the unbiased variance for
 * {@code runningVar}; eval mode normalizes with the running statistics. {@code gamma} and {@code beta} may be
 * null ({@code affine=False}); the running statistics may be null in training
 * ({@code track_running_stats=False}).
 */
public final class BatchNorm2d {
    private static final String OP = "batch_norm2d";

    private BatchNorm2d() {
    }

    /** The normalized output and the running statistics after this call. */
    public static BatchNormResult forward(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean,
                                          Tensor runningVar, boolean training, double momentum, double eps) {
        if ((runningMean == null) != (runningVar == null)) {
            throw new RefException(OP + ": runningMean and runningVar must both be given or both be null, got "
                    + (runningMean == null ? "runningMean=null" : "runningVar=null"));
        }
        if (!training && runningMean == null) {
            // PyTorch: "running_mean must be defined in evaluation mode".
            throw new RefException(OP + ": runningMean and runningVar must not be null in eval mode");
        }
        int c = checkInput(x, gamma, runningMean, runningVar, training, eps);
        if (beta != null) {
            TensorArgs.requireVector(OP, "beta", beta, c, "one per channel of x " + x.shapeString());
        }
        TensorArgs.requireFinite(OP, "momentum", momentum);
        Geometry g = new Geometry(x);
        double[] mean;
        double[] invStd;
        Tensor newMean = runningMean;
        Tensor newVar = runningVar;
        if (training) {
            mean = g.mean(x.rawData());
            double[] var = g.biasedVar(x.rawData(), mean);
            invStd = invStd(var, eps);
            // PyTorch leaves the running statistics alone for an empty batch.
            if (runningMean != null && g.count > 0) {
                double[] rm = runningMean.data();
                double[] rv = runningVar.data();
                double unbias = (double) g.count / (g.count - 1);
                for (int ch = 0; ch < c; ch++) {
                    rm[ch] = momentum * mean[ch] + (1 - momentum) * rm[ch];
                    rv[ch] = momentum * var[ch] * unbias + (1 - momentum) * rv[ch];
                }
                newMean = Tensor.wrap(rm, c);
                newVar = Tensor.wrap(rv, c);
            }
        } else {
            mean = runningMean.data();
            invStd = invStd(runningVar.rawData(), eps);
        }
        double[] xs = x.rawData();
        double[] out = new double[xs.length];
        for (int n = 0; n < g.batch; n++) {
            for (int ch = 0; ch < c; ch++) {
                double w = gamma == null ? 1 : gamma.rawData()[ch];
                double b = beta == null ? 0 : beta.rawData()[ch];
                int base = g.base(n, ch);
                for (int i = base; i < base + g.plane; i++) {
                    out[i] = (xs[i] - mean[ch]) * invStd[ch] * w + b;
                }
            }
        }
        return new BatchNormResult(Tensor.wrap(out, x.shape()), newMean, newVar);
    }

    /**
     * Gradients w.r.t. x, gamma and beta of {@code sum(forward(...).out * gradOut)}. Training mode
     * differentiates through the batch statistics of {@code x} (the running statistics are not used); eval
     * mode treats the running statistics as constants.
     */
    public static BatchNormGrads backward(Tensor x, Tensor gamma, Tensor runningMean, Tensor runningVar,
                                          Tensor gradOut, boolean training, double eps) {
        if (!training && runningVar == null) {
            throw new RefException(OP + ": runningVar must not be null in eval mode");
        }
        if (!training && gamma != null && runningMean == null) {
            throw new RefException(OP + ": backward in eval mode needs runningMean to compute gradGamma; "
                    + "pass the running mean used by the forward pass");
        }
        int c = checkInput(x, gamma, runningMean, runningVar, training, eps);
        TensorArgs.requireSameShape(OP, "gradOut", gradOut, "x", x);
        Geometry geo = new Geometry(x);
        double[] mean;
        double[] invStd;
        if (training) {
            mean = geo.mean(x.rawData());
            invStd = invStd(geo.biasedVar(x.rawData(), mean), eps);
        } else {
            // Without gamma the running mean does not enter any gradient, so it may be absent.
            mean = runningMean == null ? new double[c] : runningMean.rawData();
            invStd = invStd(runningVar.rawData(), eps);
        }
        double[] xs = x.rawData();
        double[] gs = gradOut.rawData();
        double[] sumG = new double[c];
        double[] sumGxHat = new double[c];
        for (int n = 0; n < geo.batch; n++) {
            for (int ch = 0; ch < c; ch++) {
                int base = geo.base(n, ch);
                for (int i = base; i < base + geo.plane; i++) {
                    sumG[ch] += gs[i];
                    sumGxHat[ch] += gs[i] * (xs[i] - mean[ch]) * invStd[ch];
                }
            }
        }
        double[] gx = new double[xs.length];
        double count = geo.count;
        for (int n = 0; n < geo.batch; n++) {
            for (int ch = 0; ch < c; ch++) {
                double w = gamma == null ? 1 : gamma.rawData()[ch];
                int base = geo.base(n, ch);
                for (int i = base; i < base + geo.plane; i++) {
                    if (training) {
                        double xHat = (xs[i] - mean[ch]) * invStd[ch];
                        gx[i] = w * invStd[ch] * (gs[i] - sumG[ch] / count - xHat * sumGxHat[ch] / count);
                    } else {
                        gx[i] = gs[i] * w * invStd[ch];
                    }
                }
            }
        }
        Tensor gradGamma = gamma == null ? null : Tensor.wrap(sumGxHat, c);
        return new BatchNormGrads(Tensor.wrap(gx, x.shape()), gradGamma, Tensor.wrap(sumG, c));
    }

    /** Validates the arguments shared by forward and backward and returns the channel count. */
    private static int checkInput(Tensor x, Tensor gamma, Tensor runningMean, Tensor runningVar,
                                  boolean training, double eps) {
        TensorArgs.requireNonNull(OP, "x", x);
        if (x.rank() != 4) {
            throw new RefException(OP + ": x must be 4-d (N, C, H, W), got shape " + x.shapeString());
        }
        int c = x.dim(1);
        String what = "one per channel of x " + x.shapeString();
        if (gamma != null) {
            TensorArgs.requireVector(OP, "gamma", gamma, c, what);
        }
        if (runningMean != null) {
            TensorArgs.requireVector(OP, "runningMean", runningMean, c, what);
        }
        if (runningVar != null) {
            TensorArgs.requireVector(OP, "runningVar", runningVar, c, what);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new RefException(OP + ": eps=" + eps + " must be finite and >= 0");
        }
        long count = (long) x.dim(0) * x.dim(2) * x.dim(3);
        if (training && count == 1) {
            // PyTorch's own message, so students recognise it.
            throw new RefException(OP + ": Expected more than 1 value per channel when training, got input size "
                    + x.shapeString());
        }
        return c;
    }

    private static double[] invStd(double[] var, double eps) {
        double[] r = new double[var.length];
        for (int i = 0; i < var.length; i++) {
            r[i] = 1 / Math.sqrt(var[i] + eps);
        }
        return r;
    }

    /** Index arithmetic of an NCHW tensor viewed as (N, C, H*W). */
    private static final class Geometry {
        final int batch;
        final int channels;
        final int plane;
        final int count;

        Geometry(Tensor x) {
            batch = x.dim(0);
            channels = x.dim(1);
            plane = x.dim(2) * x.dim(3);
            count = batch * plane;
        }

        int base(int n, int ch) {
            return (n * channels + ch) * plane;
        }

        double[] mean(double[] xs) {
            double[] m = new double[channels];
            for (int n = 0; n < batch; n++) {
                for (int ch = 0; ch < channels; ch++) {
                    int base = base(n, ch);
                    for (int i = base; i < base + plane; i++) {
                        m[ch] += xs[i];
                    }
                }
            }
            for (int ch = 0; ch < channels; ch++) {
                m[ch] /= count;
            }
            return m;
        }

        /** Two-pass variance (divided by the count), which stays accurate when the mean is large. */
        double[] biasedVar(double[] xs, double[] mean) {
            double[] v = new double[channels];
            for (int n = 0; n < batch; n++) {
                for (int ch = 0; ch < channels; ch++) {
                    int base = base(n, ch);
                    for (int i = base; i < base + plane; i++) {
                        double dev = xs[i] - mean[ch];
                        v[ch] += dev * dev;
                    }
                }
            }
            for (int ch = 0; ch < channels; ch++) {
                v[ch] /= count;
            }
            return v;
        }
    }
}
