package io.tensorgrade.ref.shape;

import io.tensorgrade.ref.RefException;

/**
 * The output shape of one layer for one input shape, with the derivation of every dimension.
 *
 * @param op       PyTorch's functional name: {@code conv2d}, {@code max_pool2d}, {@code avg_pool2d}
 * @param channels how the output channel count came about, e.g. {@code out_channels = 12}
 */
public record LayerShape(String op, Chw input, Chw output, String channels, DimSize height, DimSize width) {

    public LayerShape {
        if (op == null || input == null || output == null || channels == null || height == null || width == null) {
            throw new RefException("layer shape: no component may be null");
        }
        if (output.h() != height.output() || output.w() != width.output()) {
            throw new RefException("layer shape: output " + output + " disagrees with height " + height.output()
                    + " and width " + width.output());
        }
    }

    /** Three lines, {@code C: ...}, {@code H: ...}, {@code W: ...}, for feedback. */
    public String derivation() {
        return "C: " + channels + "\nH: " + height.derivation() + "\nW: " + width.derivation();
    }

    @Override
    public String toString() {
        return op + ": " + input + " -> " + output;
    }
}
