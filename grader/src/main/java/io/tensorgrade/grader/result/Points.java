package io.tensorgrade.grader.result;

import java.util.Locale;

/** How tensorgrade rounds and prints points, everywhere: kept to 4 decimals, printed without trailing zeros. */
public final class Points {

    private Points() {
    }

    /** {@code score} kept to 4 decimals, so that sums of fractions print cleanly. */
    public static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }

    /** {@code 3}, {@code 1.5}, {@code 0.3333}: at most 4 decimals, no trailing zeros. */
    public static String format(double p) {
        if (p == Math.rint(p)) {
            return String.valueOf((long) p);
        }
        String s = String.format(Locale.ROOT, "%.4f", p);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
