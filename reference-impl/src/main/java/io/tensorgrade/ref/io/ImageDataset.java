package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.Arrays;

/**
 * Labelled images kept compact: uint8 pixels in NCHW order ({@code byte[]}, 3 KB per CIFAR image
 * instead of 24 KB as doubles) and one label per image. Batches are converted to tensors on demand.
 * Like {@link Tensor}, arrays are copied at the borders except where a method says it does not.
 */
public final class ImageDataset {
    private final String source;
    private final int channels;
    private final int height;
    private final int width;
    private final byte[] pixels;
    private final byte[] labels;

    private ImageDataset(String source, int channels, int height, int width, byte[] pixels, byte[] labels) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new RefException(source + ": image size " + channels + "x" + height + "x" + width
                    + " must be positive");
        }
        long per = (long) channels * height * width;
        if (pixels.length != per * labels.length) {
            throw new RefException(source + ": " + pixels.length + " pixel bytes for " + labels.length
                    + " images of " + channels + "x" + height + "x" + width + " (needs " + per * labels.length + ")");
        }
        this.source = source;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.labels = labels;
    }

    /** A dataset holding copies of {@code pixels} (NCHW, N = labels.length) and {@code labels}. */
    public static ImageDataset of(String source, int channels, int height, int width, byte[] pixels, byte[] labels) {
        return new ImageDataset(source, channels, height, width, pixels.clone(), labels.clone());
    }

    /** Takes ownership of the arrays without copying (the readers' path: 150 MB for CIFAR-10 train). */
    static ImageDataset wrap(String source, int channels, int height, int width, byte[] pixels, byte[] labels) {
        return new ImageDataset(source, channels, height, width, pixels, labels);
    }

    /** Where the images came from (a file or folder), for messages. */
    public String source() {
        return source;
    }

    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The label of image {@code i} (0 to 255). */
    public int label(int i) {
        checkIndex(i);
        return labels[i] & 0xff;
    }

    /** All labels as ints. */
    public int[] labels() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i] & 0xff;
        }
        return out;
    }

    /** Pixel value 0..255 of image {@code i}, channel {@code c}, row {@code y}, column {@code x}. */
    public int pixel(int i, int c, int y, int x) {
        checkIndex(i);
        if (c < 0 || c >= channels || y < 0 || y >= height || x < 0 || x >= width) {
            throw new RefException(source + ": pixel (" + c + ", " + y + ", " + x + ") is outside "
                    + channels + "x" + height + "x" + width);
        }
        return pixels[((i * channels + c) * height + y) * width + x] & 0xff;
    }

    /** A copy of all pixels, NCHW. */
    public byte[] pixels() {
        return pixels.clone();
    }

    /** The pixel array itself, without copying: read-only by convention, for inference loops. */
    public byte[] rawPixels() {
        return pixels;
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) as a [n, C, H, W] tensor of pixel/255. */
    public Tensor batch(int from, int to) {
        double[] mean = new double[channels];
        double[] std = new double[channels];
        Arrays.fill(std, 1);
        return batch(from, to, mean, std);
    }

    /**
     * Images {@code from} to {@code to} normalized per channel as torchvision's ToTensor then
     * Normalize(mean, std) do: {@code (pixel/255 - mean[c]) / std[c]}.
     */
    public Tensor batch(int from, int to, double[] mean, double[] std) {
        if (from < 0 || to > size() || from > to) {
            throw new RefException(source + ": batch [" + from + ", " + to + ") is outside the " + size() + " images");
        }
        if (mean.length != channels || std.length != channels) {
            throw new RefException(source + ": mean has " + mean.length + " and std " + std.length
                    + " values, the images have " + channels + " channels");
        }
        int plane = height * width;
        double[] out = new double[(to - from) * channels * plane];
        int src = from * channels * plane;
        for (int k = 0; k < out.length; k++) {
            int c = k / plane % channels;
            out[k] = ((pixels[src + k] & 0xff) / 255.0 - mean[c]) / std[c];
        }
        return Tensor.wrap(out, to - from, channels, height, width);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= labels.length) {
            throw new RefException(source + ": image index " + i + " is outside the " + labels.length + " images");
        }
    }

    @Override
    public String toString() {
        return "ImageDataset[" + source + ": " + size() + " images " + channels + "x" + height + "x" + width + "]";
    }
}
