package io.tensorgrade.grader.check.expr;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number formatting for feedback: whole numbers without decimals, others with few significant digits. */
final class Numbers {
    private static final int SIGNIFICANT = 6;

    private Numbers() {
    }

    static String format(double x) {
        return format(x, SIGNIFICANT);
    }

    /**
     * Formats two values with the fewest significant digits (at least 6) that tell them apart, so that
     * "expected 0.731059, got 0.731059" never appears for values that differ.
     */
    static String[] formatPair(double expected, double actual) {
        for (int digits = SIGNIFICANT; digits < 17; digits++) {
            String a = format(expected, digits);
            String b = format(actual, digits);
            if (!a.equals(b) || Double.compare(expected, actual) == 0) {
                return new String[] {a, b};
            }
        }
        return new String[] {format(expected, 17), format(actual, 17)};
    }

    static String format(double x, int digits) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        BigDecimal d = new BigDecimal(x).round(new MathContext(digits)).stripTrailingZeros();
        double mag = Math.abs(x);
        return mag >= 1e-4 && mag < 1e15 ? d.toPlainString() : d.toString();
    }
}
