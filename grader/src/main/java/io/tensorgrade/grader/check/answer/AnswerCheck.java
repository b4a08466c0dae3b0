package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.CatalogueEntry;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.Reading;
import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.submission.Answer;
import io.tensorgrade.grader.yaml.YamlNode;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The check behind every "type a value into answers.yaml" part: reads the answer with a parser
 * (e.g. {@link io.tensorgrade.grader.check.AnswerParser#shape}) and grades it with an {@link AnswerMatcher}.
 * Reference-backed kinds compute the expected value, alternatives and mistakes, then return one of these.
 */
public final class AnswerCheck implements Check {

    private final AnswerMatcher matcher;
    private final Function<YamlNode, Reading> reader;
    private final Expected expected;
    private final String answerForm;
    private final Set<Reading.Unit> units;

    /**
     * @param parser     reads the student's answer; throws {@link AnswerFormatException} for bad forms
     * @param expected   the expected value as shown by {@code rubric explain}, with its derivation
     * @param answerForm what to enter, for the answers template
     */
    public AnswerCheck(AnswerMatcher matcher, Function<YamlNode, ? extends Value> parser, Expected expected,
                       String answerForm) {
        this(matcher, valueReader(parser), expected, answerForm, Set.of());
    }

    /**
     * A check whose reader also says how the answer was written
     * ({@link io.tensorgrade.grader.check.AnswerParser#readInteger}): an estimate wrong only by rounding is
     * named as one, and the reading's notes join the feedback.
     *
     * @param units the quantities the part asks for; an answer labelled with another ({@code 565,344 MACs} for
     *              FLOPs) is told so when it is not right. Empty: any label
     */
    public AnswerCheck(AnswerMatcher matcher, Function<YamlNode, Reading> reader, Expected expected,
                       String answerForm, Set<Reading.Unit> units) {
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.answerForm = Objects.requireNonNull(answerForm, "answerForm");
        this.units = Set.copyOf(units);
    }

    private static Function<YamlNode, Reading> valueReader(Function<YamlNode, ? extends Value> parser) {
        Objects.requireNonNull(parser, "parser");
        return node -> Reading.of(parser.apply(node));
    }

    public AnswerMatcher matcher() {
        return matcher;
    }

    @Override
    public Expected expected() {
        return expected;
    }

    @Override
    public String answerForm() {
        return answerForm;
    }

    @Override
    public java.util.List<CatalogueEntry> catalogue() {
        java.util.List<CatalogueEntry> out = new java.util.ArrayList<>();
        matcher.accepted().forEach(a -> out.add(CatalogueEntry.accepted(a.name(), a.value().display(), a.credit(),
                a.explanation())));
        matcher.mistakes().forEach(m -> out.add(CatalogueEntry.mistake(m.name(), m.value().display(), m.credit(),
                m.explanation())));
        return out;
    }

    @Override
    public Verdict grade(CheckContext context) {
        Answer answer = context.answer();
        Reading given = AnswerFormatException.read(answer, reader);
        Verdict verdict = matcher.match(given, answer.text());
        for (String note : given.notes()) {
            verdict = verdict.withNote(note);
        }
        if (given.unit() != null && !units.isEmpty() && !units.contains(given.unit())
                && verdict.status() != Status.PASSED) {
            verdict = verdict.withNote("Your answer is labelled " + given.unit().shown() + ", but this part asks for "
                    + units.stream().map(Reading.Unit::shown).sorted().collect(Collectors.joining(" or ")) + ".");
        }
        return expected.hintIfWrong(verdict);
    }
}
