package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;

/** A (height, width) pair of ints, as PyTorch's {@code _pair} makes from an int or a 2-tuple. */
public record Pair(int h, int w) {

    public static Pair of(int both) {
        return new Pair(both, both);
    }

    /** Accepts {@code [v]} or {@code [h, w]}; {@code name} is used in the error message. */
    public static Pair of(int[] values, String name) {
        if (values.length == 1) {
            return of(values[0]);
        }
        if (values.length == 2) {
            return new Pair(values[0], values[1]);
        }
        throw new RefException(name + " must be an int or a pair [h, w], got " + values.length + " values");
    }

    @Override
    public String toString() {
        return h == w ? Integer.toString(h) : "(" + h + ", " + w + ")";
    }
}
