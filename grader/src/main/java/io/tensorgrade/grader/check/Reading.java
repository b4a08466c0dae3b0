package io.tensorgrade.grader.check;

import java.util.List;
import java.util.Objects;

/**
 * An answer as read: the value graded, and what its form said besides, for the feedback.
 *
 * @param value    the value
 * @param estimate whether the student marked it as an estimate ({@code ~}, {@code ≈}, {@code about}, a
 *                 {@code k}/{@code M}/{@code G} suffix)
 * @param step     the place value of its last written digit (100,000 for {@code 61.1M}, 0.01 for {@code 0.73},
 *                 1 for {@code 565344}); 0 when it does not apply (shapes)
 * @param unit     the quantity named by a unit word after the value ({@code 565,344 MACs}), or null
 * @param notes    sentences about the reading, e.g. a working that does not give the value
 */
public record Reading(Value value, boolean estimate, double step, Unit unit, List<String> notes) {

    /** A quantity that a unit word names. */
    public enum Unit {
        FLOPS("FLOPs"), MACS("MACs"), PARAMS("parameters");

        private final String shown;

        Unit(String shown) {
            this.shown = shown;
        }

        /** {@code FLOPs}, {@code MACs}, {@code parameters}. */
        public String shown() {
            return shown;
        }
    }

    public Reading {
        Objects.requireNonNull(value, "value");
        if (!(step >= 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("step=" + step + " must be finite and >= 0");
        }
        notes = List.copyOf(notes);
    }

    /** A value read with nothing else to say. */
    public static Reading of(Value value) {
        return new Reading(value, false, 0, null, List.of());
    }

    /**
     * Whether the value is {@code exact} rounded to the precision it was written with ({@code 61.1M} for
     * 61,100,840), and not {@code exact} itself.
     */
    public boolean roundsFrom(double exact) {
        Double v = numeric(value);
        if (v == null || step <= 0 || v == exact) {
            return false;
        }
        // A little slack for binary noise: 0.73 is 0.7349999 rounded as well as 0.7350001.
        return Math.abs(v - exact) <= step / 2 * (1 + 1e-9);
    }

    private static Double numeric(Value v) {
        return v instanceof Value.Int i ? Double.valueOf(i.value()) : v instanceof Value.Real r ? r.value() : null;
    }
}
