package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;

/** Values agree when {@code |actual - expected| <= atol + rtol * |expected|}; NaN never agrees. */
public record Tolerance(double atol, double rtol) {
    /** Tight enough to separate formulas, loose enough for different but equivalent operation orders. */
    public static final Tolerance DEFAULT = new Tolerance(1e-9, 1e-6);

    public Tolerance {
        if (!(atol >= 0) || !(rtol >= 0) || Double.isInfinite(atol) || Double.isInfinite(rtol)) {
            throw new GraderException("tolerance: atol=" + atol + " and rtol=" + rtol
                    + " must be finite and >= 0");
        }
    }

    /** Whether {@code actual} is within tolerance of {@code expected}; equal infinities agree. */
    public boolean accepts(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return false;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }
}
