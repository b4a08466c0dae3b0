package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.CatalogueEntry;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.submission.Answer;
import io.tensorgrade.grader.yaml.YamlNode;
import java.util.Objects;
import java.util.function.Function;

/**
 * The check behind every "type a value into answers.yaml" part: reads the answer with a parser
 * (e.g. {@link AnswerParser#shape}) and grades it with an {@link AnswerMatcher}. Reference-backed
 * kinds compute the expected value, alternatives and mistakes, then return one of these.
 */
public final class AnswerCheck implements Check {

    private final AnswerMatcher matcher;
    private final Function<YamlNode, ? extends Value> parser;
    private final Expected expected;
    private final String answerForm;

    /**
     * @param parser     reads the student's answer; throws {@link AnswerFormatException} for bad forms
     * @param expected   the expected value as shown by {@code rubric explain}, with its derivation
     * @param answerForm what to enter, for the answers template
     */
    public AnswerCheck(AnswerMatcher matcher, Function<YamlNode, ? extends Value> parser, Expected expected,
                       String answerForm) {
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.answerForm = Objects.requireNonNull(answerForm, "answerForm");
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
        Value given = AnswerFormatException.read(answer, parser);
        return expected.hintIfWrong(matcher.match(given, answer.text()));
    }
}
