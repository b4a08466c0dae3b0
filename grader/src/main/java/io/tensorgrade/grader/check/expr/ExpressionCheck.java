package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.CatalogueEntry;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.submission.Answer;
import io.tensorgrade.grader.yaml.YamlScalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Grades a formula answer: normalises it ({@link AnswerNormaliser}), parses it over the domain and compares
 * it with the reference at the tester's points; a wrong formula is matched against the accepted
 * alternatives, then the mistakes. Feedback says how the formula was read, the simplest point where it
 * differs, and the mistake it matches. Immutable.
 */
final class ExpressionCheck implements Check {

    private final Expression reference;
    private final EquivalenceTester tester;
    private final List<NamedFormula> accepted;
    private final List<NamedFormula> mistakes;
    private final Expected expected;
    private final List<String> sumIndices;

    /**
     * @param sumIndices the data indices of a per-data-point sum students may write around the answer; empty when
     *                   the answer is not per data point
     */
    ExpressionCheck(Expression reference, EquivalenceTester tester, List<NamedFormula> accepted,
                    List<NamedFormula> mistakes, Expected expected, List<String> sumIndices) {
        this.sumIndices = List.copyOf(sumIndices);
        this.reference = Objects.requireNonNull(reference, "reference");
        this.tester = Objects.requireNonNull(tester, "tester");
        this.accepted = List.copyOf(accepted);
        this.mistakes = List.copyOf(mistakes);
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    List<NamedFormula> accepted() {
        return accepted;
    }

    List<NamedFormula> mistakes() {
        return mistakes;
    }

    @Override
    public Expected expected() {
        return expected;
    }

    @Override
    public String answerForm() {
        return "a formula in " + String.join(", ", tester.domain().variableNames())
                + ", written like 2*(x + 1)/y - floor(x/3) (LaTeX such as \\frac{a}{b} or \\lfloor x \\rfloor also"
                + " works)" + (sumIndices.isEmpty() ? "" : ", for one data point (a leading sum_" + sumIndices.get(0)
                + " may be kept)");
    }

    @Override
    public List<CatalogueEntry> catalogue() {
        List<CatalogueEntry> out = new java.util.ArrayList<>();
        accepted.forEach(a -> out.add(CatalogueEntry.accepted(a.name(), a.formula().text(), a.credit(),
                a.explanation())));
        mistakes.forEach(m -> out.add(CatalogueEntry.mistake(m.name(), m.formula().text(), m.credit(),
                m.explanation())));
        return out;
    }

    @Override
    public Verdict grade(CheckContext context) {
        Answer answer = context.answer();
        AnswerReader.Reading reading = read(answer);
        if (reading instanceof AnswerReader.Unfinished u) {
            return Verdict.fail(Derivatives.feedback(u.derivatives(), tester.domain()));
        }
        AnswerReader.Formula formula = (AnswerReader.Formula) reading;
        Expression student = formula.expression();
        String readAs = "Your formula, read as " + student.readAs() + ",";
        Verdict verdict;
        if (tester.test(reference, student).equivalent()) {
            verdict = Verdict.pass("Correct: " + Character.toLowerCase(readAs.charAt(0)) + readAs.substring(1)
                    + " agrees with the reference at all " + tester.points().size() + " points tested.");
        } else {
            verdict = wrong(student, readAs);
        }
        if (!formula.notes().isEmpty()) {
            verdict = verdict.withNote("Note: " + String.join("; ", formula.notes()) + ".");
        }
        return verdict;
    }

    private Verdict wrong(Expression student, String readAs) {
        String full = "Expected a formula equivalent to " + reference.text() + ".";
        for (NamedFormula a : accepted) {
            if (tester.test(a.formula(), student).equivalent()) {
                String why = a.explanation().isEmpty() ? "" : " (" + a.explanation() + ")";
                String credit = a.credit() >= 1 ? "Full credit; the main answer is " + reference.text() + "."
                        : "It earns " + percent(a.credit()) + " of the points; the full answer is " + reference.text()
                                + ".";
                return Verdict.of(a.credit(), readAs + " is accepted as " + a.name() + why + ". " + credit, null);
            }
        }
        String differs = differs(student);
        for (NamedFormula m : mistakes) {
            if (tester.test(m.formula(), student).equivalent()) {
                String credit = m.credit() > 0 ? " Partial credit: " + percent(m.credit()) + " of the points." : "";
                return Verdict.of(m.credit(), readAs + " is what you get when " + m.explanation() + ". It "
                        + differs + ". " + full + credit, m.name());
            }
        }
        return Verdict.fail(readAs + " " + differs + ". " + full);
    }

    /** E.g. {@code differs from the reference at 37 of 200 points tested, e.g. at I=5, ...: expected 2, got 1}. */
    private String differs(Expression student) {
        EquivalenceResult r = tester.test(reference, student);
        Counterexample c = simplestCounterexample(student).orElse(r.counterexample().orElseThrow());
        return "differs from the reference at " + r.mismatches() + " of " + r.pointsCompared()
                + " points tested, e.g. " + c.describe();
    }

    /** The mismatch with the smallest free values (sum of magnitudes), which is the easiest to check by hand. */
    private Optional<Counterexample> simplestCounterexample(Expression student) {
        Map<String, Double> best = null;
        double bestSize = Double.POSITIVE_INFINITY;
        double[] bestValues = null;
        for (Map<String, Double> point : tester.points()) {
            double e = reference.evaluate(point);
            if (!Double.isFinite(e)) {
                continue;
            }
            double a = student.evaluate(point);
            if (tester.tolerance().accepts(e, a)) {
                continue;
            }
            double size = tester.domain().ranges().stream().mapToDouble(r -> Math.abs(point.get(r.name()))).sum();
            if (size < bestSize) {
                best = point;
                bestSize = size;
                bestValues = new double[] {e, a};
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Map<String, Double> free = new LinkedHashMap<>();
        Map<String, Double> derived = new LinkedHashMap<>();
        for (Range r : tester.domain().ranges()) {
            free.put(r.name(), best.get(r.name()));
        }
        for (Definition d : tester.domain().definitions()) {
            derived.put(d.name(), best.get(d.name()));
        }
        return Optional.of(new Counterexample(free, derived, bestValues[0], bestValues[1]));
    }

    private AnswerReader.Reading read(Answer answer) {
        if (!(answer.value() instanceof YamlScalar s) || s.isNull() || s.type() == YamlScalar.Type.BOOLEAN) {
            throw new AnswerFormatException(answer.location() + ": expected a formula as text, found "
                    + answer.value().describe() + "; write " + answerForm() + ".");
        }
        try {
            return AnswerReader.read(s.text(), tester.domain(), sumIndices);
        } catch (ExpressionException e) {
            throw new AnswerFormatException(answer.location() + ": could not read the formula: "
                    + e.inOriginal(s.text()).getMessage());
        } catch (GraderException e) {
            throw new AnswerFormatException(answer.location() + ": " + e.getMessage());
        }
    }

    private static String percent(double credit) {
        double p = Math.round(credit * 1000) / 10.0;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }
}
