package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.check.AnswerParser;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.check.Value;
import java.util.Set;

/**
 * {@code check: number}: a real-number answer compared with the rubric's {@code expected} value
 * within the part's tolerance (default: relative 1e-6; set one for answers rounded by hand).
 */
public final class NumberKind implements CheckKind {

    /** Tight enough to demand the value, loose enough for float printing. */
    static final Tolerance DEFAULT_TOLERANCE = new Tolerance(0, 1e-6);

    @Override
    public String name() {
        return "number";
    }

    @Override
    public String description() {
        return "a real-number answer compared with 'expected' within the tolerance (default rel 1e-6)";
    }

    @Override
    public Set<String> keys() {
        return Set.of("expected", "derivation", "accept", "mistakes", "tolerance");
    }

    @Override
    public Check create(ConfigReader config) {
        Value.Real expected = config.value("expected", AnswerParser::number);
        Tolerance tolerance = config.tolerance(DEFAULT_TOLERANCE);
        AnswerMatcher matcher = new AnswerMatcher(expected == null ? Value.of(0.0) : expected, tolerance,
                ValueCatalogue.accepted(config, AnswerParser::number),
                ValueCatalogue.mistakes(config, AnswerParser::number));
        ValueCatalogue.checkOverlaps(config, matcher);
        String form = AnswerParser.NUMBER_FORM + "; answers within " + tolerance.describe() + " count";
        return new AnswerCheck(matcher, AnswerParser::readNumber,
                new Expected(matcher.expected().display(), config.string("derivation", "")), form, Set.of());
    }
}
