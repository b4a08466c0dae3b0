package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.check.Reading;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.result.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Grades a value against the expected one, accepted alternatives (each with its own credit) and
 * a catalogue of named mistakes, and writes feedback that says expected vs given and why:
 * "You answered 547,704, which is what you get when the additions across input channels are
 * forgotten. Expected 564,564." The first match wins, in this order: expected, alternatives,
 * mistakes. Integers compare exactly unless a tolerance is given; reals use the tolerance;
 * shapes compare size by size.
 */
public final class AnswerMatcher {

    private final Value expected;
    private final Tolerance tolerance;
    private final List<Alternative> accepted;
    private final List<Mistake> mistakes;

    public AnswerMatcher(Value expected, Tolerance tolerance, List<Alternative> accepted, List<Mistake> mistakes) {
        this.expected = Objects.requireNonNull(expected, "expected");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.accepted = List.copyOf(accepted);
        this.mistakes = List.copyOf(mistakes);
    }

    /** A matcher with only the expected value. */
    public static AnswerMatcher exactly(Value expected) {
        return new AnswerMatcher(expected, Tolerance.EXACT, List.of(), List.of());
    }

    public Value expected() {
        return expected;
    }

    public Tolerance tolerance() {
        return tolerance;
    }

    public List<Alternative> accepted() {
        return accepted;
    }

    public List<Mistake> mistakes() {
        return mistakes;
    }

    /**
     * Grades {@code given} as {@link #match(Value, String)} does; an answer that matches nothing but is the
     * expected value (or an alternative, or a mistake) rounded to the digits it was written with is named as an
     * estimate: "61.1M is an estimate; this part needs the exact count 61,100,840." It still earns nothing: the
     * part's tolerance says how close counts.
     */
    public Verdict match(Reading given, String givenText) {
        Verdict verdict = match(given.value(), givenText);
        if (verdict.credit() > 0 || verdict.mistake() != null || given.step() <= 0) {
            return verdict;
        }
        String written = quote(givenText, given.value()) + (given.estimate() ? " is an estimate" : " is rounded");
        String needs = "this part needs " + (tolerance.isExact()
                ? (expected instanceof Value.Int ? "the exact count " : "the exact value ") + expected.display()
                : expected.display() + " within " + tolerance.describe());
        Double e = numeric(expected);
        if (e != null && given.roundsFrom(e)) {
            return Verdict.fail(written + "; " + needs + ".");
        }
        for (Alternative a : accepted) {
            Double v = numeric(a.value());
            if (v != null && given.roundsFrom(v)) {
                return Verdict.fail(written + " of " + a.value().display() + " (accepted as " + a.name() + "); "
                        + needs + ".");
            }
        }
        for (Mistake m : mistakes) {
            Double v = numeric(m.value());
            if (v != null && given.roundsFrom(v)) {
                return Verdict.fail(written + " of " + m.value().display() + ", which is what you get when "
                        + m.explanation() + "; " + needs + ".");
            }
        }
        return verdict;
    }

    /**
     * Grades {@code given}.
     *
     * @param givenText the answer as the student wrote it, echoed in the feedback
     */
    public Verdict match(Value given, String givenText) {
        String answered = "You answered " + quote(givenText, given);
        String expectedText = "Expected " + expected.display() + ".";
        if (same(expected, given)) {
            return Verdict.pass(sameDisplay(expected, given)
                    ? "Correct: " + expected.display() + "."
                    : "Correct: you answered " + quote(givenText, given) + "; the exact value is "
                            + expected.display() + " (tolerance " + tolerance.describe() + ").");
        }
        for (Alternative a : accepted) {
            if (same(a.value(), given)) {
                String why = a.explanation().isEmpty() ? "" : " (" + a.explanation() + ")";
                String credit = a.credit() >= 1 ? "Full credit; the main answer is " + expected.display() + "."
                        : "It earns " + percent(a.credit()) + " of the points; the full answer is "
                                + expected.display() + ".";
                return Verdict.of(a.credit(), answered + ", which is accepted as " + a.name() + why + ". "
                        + credit, null);
            }
        }
        for (Mistake m : mistakes) {
            if (same(m.value(), given)) {
                String credit = m.credit() > 0 ? " " + partialCredit(m.credit()) : "";
                return Verdict.of(m.credit(), answered + ", which is what you get when " + m.explanation() + ". "
                        + expectedText + credit, m.name());
            }
        }
        return Verdict.fail(answered + "; " + Character.toLowerCase(expectedText.charAt(0))
                + expectedText.substring(1, expectedText.length() - 1) + difference(given) + ".");
    }

    /** Whether {@code given} counts as {@code target} under this matcher's tolerance. */
    public boolean same(Value target, Value given) {
        if (target instanceof Value.Shape t) {
            return given instanceof Value.Shape g && t.dims().equals(g.dims());
        }
        if (target instanceof Value.Int t && given instanceof Value.Int g && tolerance.isExact()) {
            return t.value() == g.value();
        }
        Double t = numeric(target);
        Double g = numeric(given);
        return t != null && g != null && tolerance.accepts(t, g);
    }

    /** A hint on how far off a wrong answer is: relative error for numbers, the first differing size for shapes. */
    private String difference(Value given) {
        Double t = numeric(expected);
        Double g = numeric(given);
        if (t != null && g != null && t != 0) {
            double rel = (g - t) / Math.abs(t);
            return Math.abs(rel) < 10
                    ? String.format(Locale.ROOT, " (%s%.3g%% off)", rel > 0 ? "+" : "", 100 * rel) : "";
        }
        if (expected instanceof Value.Shape e && given instanceof Value.Shape s) {
            if (e.rank() != s.rank()) {
                return " (" + s.rank() + " sizes given, " + e.rank() + " expected)";
            }
            for (int i = 0; i < e.rank(); i++) {
                if (!e.dims().get(i).equals(s.dims().get(i))) {
                    return " (size " + (i + 1) + " is " + s.dims().get(i) + " instead of " + e.dims().get(i) + ")";
                }
            }
        }
        return "";
    }

    private static boolean sameDisplay(Value a, Value b) {
        return a.display().equals(b.display());
    }

    private static Double numeric(Value v) {
        if (v instanceof Value.Int i) {
            return (double) i.value();
        }
        if (v instanceof Value.Real r) {
            return r.value();
        }
        return null;
    }

    private static String quote(String givenText, Value given) {
        String text = givenText == null || givenText.isBlank() ? given.display() : givenText.strip();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    /** {@code Partial credit: 50% of the points.}, the sentence a mistake with credit adds to its feedback. */
    static String partialCredit(double credit) {
        return "Partial credit: " + percent(credit) + " of the points.";
    }

    static String percent(double credit) {
        double p = Math.round(credit * 1000) / 10.0;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }
}
