package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.RefException;

/**
 * The images given to {@link InferenceModel#predict}: NCHW samples of {@code channels x height x width}
 * and the preprocessing applied inside, {@code (pixel * scale - mean[c]) / std[c]} per channel, as
 * torchvision's {@code ToTensor()} ({@code scale = 1/255} on uint8) followed by {@code Normalize(mean, std)}.
 *
 * @param channels positive channel count C
 * @param height   positive image height H
 * @param width    positive image width W
 * @param scale    finite, non-zero factor applied first (1/255 for uint8 pixels)
 * @param mean     one finite value per channel
 * @param std      one finite positive value per channel
 */
public record InputFormat(int channels, int height, int width, double scale, double[] mean, double[] std) {

    public InputFormat {
        if (channels < 1 || height < 1 || width < 1) {
            throw new RefException("input format: channels, height and width must be positive, got " + channels
                    + "x" + height + "x" + width);
        }
        if (!Double.isFinite(scale) || scale == 0) {
            throw new RefException("input format: scale=" + scale + " must be finite and non-zero");
        }
        mean = perChannel(mean, "mean", channels, false);
        std = perChannel(std, "std", channels, true);
    }

    /** Values used as they are: scale 1, mean 0, std 1. */
    public static InputFormat raw(int channels, int height, int width) {
        return new InputFormat(channels, height, width, 1, new double[channels], filled(channels, 1));
    }

    /** uint8 pixels (0..255) divided by 255, then normalised with {@code mean} and {@code std} per channel. */
    public static InputFormat uint8(int channels, int height, int width, double[] mean, double[] std) {
        return new InputFormat(channels, height, width, 1.0 / 255, mean, std);
    }

    /** Values in one image: {@code C*H*W}. */
    public int sampleSize() {
        return Math.multiplyExact(Math.multiplyExact(channels, height), width);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** Per-channel {@code a, b} with {@code (x * scale - mean) / std == x * a + b}, in float. */
    float[][] affine() {
        float[][] ab = new float[2][channels];
        for (int c = 0; c < channels; c++) {
            ab[0][c] = (float) (scale / std[c]);
            ab[1][c] = (float) (-mean[c] / std[c]);
        }
        return ab;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputFormat f && channels == f.channels && height == f.height && width == f.width
                && Double.compare(scale, f.scale) == 0 && java.util.Arrays.equals(mean, f.mean)
                && java.util.Arrays.equals(std, f.std);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(channels, height, width, scale, java.util.Arrays.hashCode(mean),
                java.util.Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "InputFormat[" + channels + "x" + height + "x" + width + ", scale=" + scale + ", mean="
                + java.util.Arrays.toString(mean) + ", std=" + java.util.Arrays.toString(std) + "]";
    }

    private static double[] perChannel(double[] values, String name, int channels, boolean positive) {
        if (values == null || values.length != channels) {
            throw new RefException("input format: " + name + " needs " + channels + " values (one per channel), got "
                    + (values == null ? "null" : java.util.Arrays.toString(values)));
        }
        for (double v : values) {
            if (!Double.isFinite(v) || (positive && v <= 0)) {
                throw new RefException("input format: " + name + "=" + java.util.Arrays.toString(values)
                        + " must hold finite" + (positive ? " positive" : "") + " values");
            }
        }
        return values.clone();
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
