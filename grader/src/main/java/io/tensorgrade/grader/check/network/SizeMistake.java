package io.tensorgrade.grader.check.network;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.shape.DimSize;
import io.tensorgrade.ref.shape.OutputSize;
import io.tensorgrade.ref.shape.SizeRule;

/**
 * Wrong output-size formulas students use, as {@link SizeRule}s that the reference carries through a
 * network. Each changes only the layers it concerns (e.g. {@link #PADDING_IGNORED} leaves an unpadded
 * layer alone) and sizes every other layer by PyTorch's rule. Where the mistake is a wrong argument
 * (padding, stride, dilation, rounding mode) PyTorch's formula is re-run with that argument; where it is
 * a wrong formula, the formula is written out here, with its derivation. A rule throws
 * {@link io.tensorgrade.ref.RefException} when its size is below 1; the mistake then does not apply.
 */
enum SizeMistake implements SizeRule {
    PADDING_IGNORED("padding_ignored", "the padding is left out", "floor((I - K)/S) + 1") {
        @Override public DimSize conv(String op, int in, int k, int s, int p, int d) {
            return PYTORCH.conv(op, in, k, s, 0, d);
        }

        @Override public DimSize pool(String op, int in, int k, int s, int p, int d, boolean ceil) {
            return PYTORCH.pool(op, in, k, s, 0, d, ceil);
        }
    },
    PADDING_ONE_SIDE("padding_one_side", "the padding is added on one side only (P instead of 2P)",
            "floor((I + P - K)/S) + 1") {
        @Override public DimSize conv(String op, int in, int k, int s, int p, int d) {
            return p == 0 ? PYTORCH.conv(op, in, k, s, p, d) : formula(in, k, s, p, d, false, 1, true, 1);
        }

        @Override public DimSize pool(String op, int in, int k, int s, int p, int d, boolean ceil) {
            return p == 0 ? PYTORCH.pool(op, in, k, s, p, d, ceil) : formula(in, k, s, p, d, ceil, 1, true, 1);
        }
    },
    STRIDE_IGNORED("stride_ignored", "the stride is ignored (taken as 1)", "I + 2P - K + 1") {
        @Override public DimSize conv(String op, int in, int k, int s, int p, int d) {
            return PYTORCH.conv(op, in, k, 1, p, d);
        }

        @Override public DimSize pool(String op, int in, int k, int s, int p, int d, boolean ceil) {
            return PYTORCH.pool(op, in, k, 1, p, d, ceil);
        }
    },
    CEIL_INSTEAD_OF_FLOOR("ceil_instead_of_floor", "the division is rounded up instead of down",
            "ceil((I + 2P - K)/S) + 1") {
        @Override public DimSize conv(String op, int in, int k, int s, int p, int d) {
            return formula(in, k, s, p, d, true, 2, true, 1);
        }

        @Override public DimSize pool(String op, int in, int k, int s, int p, int d, boolean ceil) {
            return ceil ? PYTORCH.pool(op, in, k, s, p, d, true) : formula(in, k, s, p, d, true, 2, true, 1);
        }
    },
    FLOOR_INSTEAD_OF_CEIL("floor_instead_of_ceil", "the division is rounded down although the pooling uses"
            + " ceil_mode", "floor((I + 2P - K)/S) + 1 for ceil-mode pools") {
        @Override public DimSize conv(String op, int in, int k, int s, int p, int d) {
            return PYTORCH.conv(op, in, k, s, p, d);
        }

        @Override public DimSize pool(String op, int in, int k, int s, int p, int d, boolean ceil) {
            return PYTORCH.pool(op, in, k, s, p, d, false);
        }
    },
    PLUS_ONE_FORGOTTEN("plus_one_forgotten", "the +1 is forgotten", "floor((I + 2P - K)/S)") {
        @Override public DimSize conv(String op, int in, int k, int s, int p, int d) {
            return formula(in, k, s, p, d, false, 2, true, 0);
        }

        @Override public DimSize pool(String op, int in, int k, int s, int p, int d, boolean ceil) {
            return formula(in, k, s, p, d, ceil, 2, true, 0);
        }
    },
    SIZE_OVER_STRIDE("size_over_stride", "the size is taken as (I + 2P)/S, without -K and +1",
            "floor((I + 2P)/S)") {
        @Override public DimSize conv(String op, int in, int k, int s, int p, int d) {
            return formula(in, k, s, p, d, false, 2, false, 0);
        }

        @Override public DimSize pool(String op, int in, int k, int s, int p, int d, boolean ceil) {
            return formula(in, k, s, p, d, ceil, 2, false, 0);
        }
    },
    DILATION_IGNORED("dilation_ignored", "the dilation is ignored (the kernel spans K, not D*(K-1) + 1)",
            "floor((I + 2P - K)/S) + 1 with D = 1") {
        @Override public DimSize conv(String op, int in, int k, int s, int p, int d) {
            return PYTORCH.conv(op, in, k, s, p, 1);
        }

        @Override public DimSize pool(String op, int in, int k, int s, int p, int d, boolean ceil) {
            return PYTORCH.pool(op, in, k, s, p, 1, ceil);
        }
    };

    private static final SizeRule PYTORCH = OutputSize.PYTORCH;

    private final String id;
    private final String explanation;
    private final String rule;

    SizeMistake(String id, String explanation, String rule) {
        this.id = id;
        this.explanation = explanation;
        this.rule = rule;
    }

    /** The mistake's name in rubrics and results, e.g. {@code padding_ignored}. */
    String id() {
        return id;
    }

    /** A clause completing "which is what you get when ...", e.g. {@code the padding is left out}. */
    String explanation() {
        return explanation;
    }

    /** The wrong formula in symbols, e.g. {@code floor((I + 2P)/S)}. */
    String rule() {
        return rule;
    }

    /**
     * {@code round((in + padSides*p - span) / s) + plusOne}, where {@code span = d*(k-1) + 1} when
     * {@code kernel}, else 0; written out like {@link OutputSize}'s derivations.
     */
    static DimSize formula(int in, int k, int s, int p, int d, boolean ceil, int padSides, boolean kernel,
                           int plusOne) {
        long span = kernel ? (long) d * (k - 1) + 1 : 0;
        long numerator = in + (long) padSides * p - span;
        long out = Math.floorDiv(numerator + (ceil ? s - 1 : 0), s) + plusOne;
        String kernelTerm = !kernel ? "" : " - " + (d == 1 ? Integer.toString(k) : d + "*(" + k + "-1) - 1");
        String text = (ceil ? "ceil((" : "floor((") + in + (padSides == 2 ? " + 2*" : " + ") + p + kernelTerm + ") / "
                + s + ")" + (plusOne == 1 ? " + 1" : "") + " = " + out;
        if (out < 1 || out > Integer.MAX_VALUE) {
            throw new RefException(text + " is not a size");
        }
        return new DimSize(in, k, s, p, d, ceil, (int) out, text);
    }
}
