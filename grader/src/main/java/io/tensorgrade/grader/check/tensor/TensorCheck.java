package io.tensorgrade.grader.check.tensor;

import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.CatalogueEntry;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.submission.Answer;
import io.tensorgrade.ref.tensor.Comparison;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Grades a tensor answer against the reference's tensor, then the accepted alternatives and the known
 * mistakes (all computed by the reference), after dropping leading dimensions of size 1 on both sides.
 * Feedback names the first differing entry. Immutable.
 */
final class TensorCheck implements Check {

    private final Tensor expected;
    private final Tolerance tolerance;
    private final List<Candidate> accepted;
    private final List<Candidate> mistakes;
    private final Expected shown;

    TensorCheck(Tensor expected, Tolerance tolerance, List<Candidate> accepted, List<Candidate> mistakes,
                Expected shown) {
        this.expected = TensorAnswer.squeezeLeading(Objects.requireNonNull(expected, "expected"));
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.accepted = squeezed(accepted);
        this.mistakes = squeezed(mistakes);
        this.shown = Objects.requireNonNull(shown, "shown");
    }

    List<Candidate> accepted() {
        return accepted;
    }

    List<Candidate> mistakes() {
        return mistakes;
    }

    @Override
    public Expected expected() {
        return shown;
    }

    @Override
    public String answerForm() {
        // The shape is not given away: it is often a question of its own.
        String form = expected.rank() == 0 ? "a single number" : TensorAnswer.FORM;
        return form + (tolerance.isExact() ? "" : "; values within " + tolerance.describe() + " count");
    }

    @Override
    public List<CatalogueEntry> catalogue() {
        List<CatalogueEntry> out = new java.util.ArrayList<>();
        accepted.forEach(a -> out.add(CatalogueEntry.accepted(a.name(), TensorText.format(a.value()), a.credit(),
                a.explanation())));
        mistakes.forEach(m -> out.add(CatalogueEntry.mistake(m.name(), TensorText.format(m.value()), m.credit(),
                m.explanation())));
        return out;
    }

    @Override
    public Verdict grade(CheckContext context) {
        Answer answer = context.answer();
        Tensor given = AnswerFormatException.read(answer, v -> TensorAnswer.squeezeLeading(TensorAnswer.parse(v)));
        return shown.hintIfWrong(match(given, answer.text()));
    }

    /** Whether {@code given} equals {@code target} within the tolerance, shapes included. */
    boolean same(Tensor target, Tensor given) {
        return target.sameShape(given) && Comparison.of(target, given, tolerance.abs(), tolerance.rel()).matches();
    }

    private Verdict match(Tensor given, String text) {
        String expectedText = TensorText.format(expected);
        if (same(expected, given)) {
            return Verdict.pass("Correct: " + (expected.size() == 1 ? expectedText
                    : "all " + expected.size() + " values match") + ".");
        }
        String answered = "You answered " + quote(text, given);
        for (Candidate a : accepted) {
            if (same(a.value(), given)) {
                String why = a.explanation().isEmpty() ? "" : " (" + a.explanation() + ")";
                String credit = a.credit() >= 1 ? "Full credit; the main answer is " + expectedText + "."
                        : "It earns " + percent(a.credit()) + " of the points; the full answer is " + expectedText + ".";
                return Verdict.of(a.credit(), answered + ", which is accepted as " + a.name() + why + ". " + credit,
                        null);
            }
        }
        for (Candidate m : mistakes) {
            if (same(m.value(), given)) {
                String credit = m.credit() > 0 ? " Partial credit: " + percent(m.credit()) + " of the points." : "";
                return Verdict.of(m.credit(), answered + ", which is what you get when " + m.explanation()
                        + ". Expected " + expectedText + "." + credit, m.name());
            }
        }
        return Verdict.fail(difference(given) + " Expected " + expectedText + "." + nanNote(given));
    }

    private String difference(Tensor given) {
        if (!expected.sameShape(given)) {
            return "Your answer is " + TensorText.shape(given) + "; expected " + TensorText.shape(expected) + ".";
        }
        Comparison c = Comparison.of(expected, given, tolerance.abs(), tolerance.rel());
        String where = expected.rank() == 0 ? "" : "; first at " + TensorText.position(c.firstBadIndex());
        return "Your answer differs in " + c.mismatches() + " of " + expected.size() + " values" + where
                + ": expected " + TensorText.number(c.expectedValue()) + ", got " + TensorText.number(c.actualValue())
                + (tolerance.isExact() ? "" : " (tolerance " + tolerance.describe() + ")") + ".";
    }

    private static String nanNote(Tensor given) {
        return Arrays.stream(given.rawData()).anyMatch(Double::isNaN)
                ? " Your answer contains NaN, which equals no number." : "";
    }

    private static List<Candidate> squeezed(List<Candidate> candidates) {
        return candidates.stream().map(c -> new Candidate(c.name(), TensorAnswer.squeezeLeading(c.value()), c.credit(),
                c.explanation())).toList();
    }

    private static String quote(String text, Tensor given) {
        String t = text == null || text.isBlank() ? TensorText.format(given) : text.strip();
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }

    static String percent(double credit) {
        double p = Math.round(credit * 1000) / 10.0;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }
}
