package io.tensorgrade.ref.net;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.shape.Chw;
import io.tensorgrade.ref.shape.Dims;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shape of one sample flowing between layers, without the batch dimension: either an image
 * {@code C,H,W} or flat features {@code N} (after a flatten).
 */
public record ActivationShape(List<Integer> dims) {

    public ActivationShape {
        dims = List.copyOf(dims);
        if (dims.size() != 1 && dims.size() != 3) {
            throw new RefException("activation shape must be C,H,W or N, got " + dims);
        }
        for (int d : dims) {
            if (d < 1) {
                throw new RefException("activation shape " + dims + " has a dimension " + d + " < 1");
            }
        }
    }

    public static ActivationShape chw(int c, int h, int w) {
        return new ActivationShape(List.of(c, h, w));
    }

    public static ActivationShape of(Chw chw) {
        return chw(chw.c(), chw.h(), chw.w());
    }

    public static ActivationShape flat(int features) {
        return new ActivationShape(List.of(features));
    }

    /** Parses {@code "3,224,224"} (an image) or {@code "784"} (flat features). */
    public static ActivationShape parse(String text) {
        int[] d = Dims.parse(text, "input shape");
        if (d.length == 3) {
            return chw(d[0], d[1], d[2]);
        }
        if (d.length == 1) {
            return flat(d[0]);
        }
        throw new RefException("input shape must be C,H,W or N, got '" + text + "'");
    }

    /** True for C,H,W, false for flat features. */
    public boolean isImage() {
        return dims.size() == 3;
    }

    /** This shape as C,H,W; {@code who} names the layer that needs an image in the error message. */
    public Chw toChw(String who) {
        if (!isImage()) {
            throw new RefException(who + " needs a C,H,W input, got " + dims.get(0) + " flat features");
        }
        return new Chw(dims.get(0), dims.get(1), dims.get(2));
    }

    /** Number of values in one sample. */
    public long numel() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** The dimensions as a fresh array. */
    public int[] toArray() {
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return dims.stream().map(String::valueOf).collect(Collectors.joining("x"));
    }
}
