package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;
import java.util.random.RandomGenerator;

/**
 * The values one variable takes when formulas are compared: integers or reals in {@code [lo, hi]},
 * both ends included for integers.
 */
public record Range(String name, boolean integer, double lo, double hi) {
    /** Integer bounds stay well inside the range where doubles represent every integer exactly. */
    public static final double MAX_INTEGER_BOUND = 1e15;

    public Range {
        if (name == null || name.isEmpty()) {
            throw new GraderException("range: variable name is missing");
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
            throw new GraderException("range of " + name + ": [" + lo + ", " + hi
                    + "] is not a finite interval with lo <= hi");
        }
        if (integer && (lo != Math.rint(lo) || hi != Math.rint(hi)
                || Math.abs(lo) > MAX_INTEGER_BOUND || Math.abs(hi) > MAX_INTEGER_BOUND)) {
            throw new GraderException("range of " + name + ": integer bounds [" + lo + ", " + hi
                    + "] must be whole numbers within +-1e15");
        }
    }

    /** Integers {@code lo, lo+1, ..., hi}. */
    public static Range integer(String name, long lo, long hi) {
        return new Range(name, true, lo, hi);
    }

    /** Reals drawn uniformly from {@code [lo, hi)}. */
    public static Range real(String name, double lo, double hi) {
        return new Range(name, false, lo, hi);
    }

    /** One uniform draw. */
    double sample(RandomGenerator random) {
        if (lo == hi) {
            return lo;
        }
        if (integer) {
            return random.nextLong((long) lo, (long) hi + 1);
        }
        return random.nextDouble(lo, hi);
    }

    /** E.g. {@code integer I in [1, 64]}. */
    public String describe() {
        return (integer ? "integer " : "real ") + name + " in [" + Numbers.format(lo) + ", " + Numbers.format(hi)
                + "]";
    }
}
