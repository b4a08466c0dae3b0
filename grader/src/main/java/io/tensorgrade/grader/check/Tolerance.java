package io.tensorgrade.grader.check;

import io.tensorgrade.grader.GraderException;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * How far a numeric answer may be from the expected value: accepted when
 * {@code |given - expected| <= abs + rel * |expected|}. NaN never agrees; an infinity agrees only with itself.
 */
public record Tolerance(double abs, double rel) {

    /** Exact comparison. */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    public Tolerance {
        if (!(abs >= 0) || !(rel >= 0) || Double.isInfinite(abs) || Double.isInfinite(rel)) {
            throw new GraderException("tolerance: atol=" + abs + " and rtol=" + rel + " must be finite and >= 0");
        }
    }

    public boolean isExact() {
        return abs == 0 && rel == 0;
    }

    /** Whether {@code given} is close enough to {@code expected}. */
    public boolean accepts(double expected, double given) {
        if (Double.isNaN(expected) || Double.isNaN(given)) {
            return false;
        }
        if (expected == given) {
            return true;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(given)) {
            return false;
        }
        return Math.abs(given - expected) <= abs + rel * Math.abs(expected);
    }

    /** {@code abs 0.001, rel 1e-06} for messages. */
    public String describe() {
        if (isExact()) {
            return "exact";
        }
        StringBuilder sb = new StringBuilder();
        if (abs > 0) {
            sb.append("abs ").append(format(abs));
        }
        if (rel > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("rel ").append(format(rel));
        }
        return sb.toString();
    }

    /** {@code 0.0005}, {@code 1e-06}: short and without binary noise. */
    static String format(double x) {
        BigDecimal d = new BigDecimal(Double.toString(x)).stripTrailingZeros();
        return x >= 1e-4 && x < 1e6 ? d.toPlainString()
                : String.format(Locale.ROOT, "%.3g", x).replaceAll("\\.?0+e", "e");
    }
}
