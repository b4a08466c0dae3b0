package io.tensorgrade.ref.net;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.shape.Chw;

/** Argument checks for layer specs; messages name the layer, the argument and its value. */
final class Checks {
    private Checks() {
    }

    static void atLeast(String layer, String name, int value, int min) {
        if (value < min) {
            throw new RefException(layer + ": " + name + "=" + value + " must be at least " + min);
        }
    }

    static void pair(String layer, String name, Pair value, int min) {
        if (value == null) {
            throw new RefException(layer + ": " + name + " is missing");
        }
        if (value.h() < min || value.w() < min) {
            throw new RefException(layer + ": " + name + "=" + value + " must be at least " + min);
        }
    }

    /** The input as C,H,W with exactly {@code expected} channels. */
    static Chw channels(ActivationShape input, String layer, String name, int expected) {
        Chw chw = input.toChw(layer);
        if (chw.c() != expected) {
            throw new RefException("expects " + name + "=" + expected + ", got input " + chw + " with "
                    + chw.c() + " channels");
        }
        return chw;
    }
}
