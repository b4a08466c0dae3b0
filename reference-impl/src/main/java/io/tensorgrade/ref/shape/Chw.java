package io.tensorgrade.ref.shape;

import io.tensorgrade.ref.RefException;

/** The shape of one image-like sample: channels, height, width (PyTorch's NCHW without N). */
public record Chw(int c, int h, int w) {

    public Chw {
        if (c < 1 || h < 1 || w < 1) {
            throw new RefException("shape: C,H,W must all be at least 1, got " + c + "," + h + "," + w);
        }
    }

    /** Parses {@code "3,224,224"} (also accepts {@code x} or spaces as separators). */
    public static Chw parse(String text) {
        int[] dims = Dims.parse(text, "input shape");
        if (dims.length != 3) {
            throw new RefException("input shape must be C,H,W (3 numbers), got '" + text + "'");
        }
        return new Chw(dims[0], dims[1], dims[2]);
    }

    /** Number of values, {@code c*h*w}. */
    public long numel() {
        return (long) c * h * w;
    }

    /** {@code [c, h, w]}, a fresh array. */
    public int[] toArray() {
        return new int[] {c, h, w};
    }

    @Override
    public String toString() {
        return c + "x" + h + "x" + w;
    }
}
