package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.check.AnswerParser;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.check.Value;
import java.util.Set;

/** {@code check: integer}: an integer answer compared with the rubric's {@code expected} value. */
public final class IntegerKind implements CheckKind {

    @Override
    public String name() {
        return "integer";
    }

    @Override
    public String description() {
        return "an integer answer compared with 'expected' (exact unless a tolerance is given)";
    }

    @Override
    public Set<String> keys() {
        return Set.of("expected", "derivation", "accept", "mistakes", "tolerance");
    }

    @Override
    public Check create(ConfigReader config) {
        Value.Int expected = config.value("expected", AnswerParser::integer);
        Tolerance tolerance = config.tolerance(Tolerance.EXACT);
        AnswerMatcher matcher = new AnswerMatcher(expected == null ? Value.of(0) : expected, tolerance,
                ValueCatalogue.accepted(config, AnswerParser::integer),
                ValueCatalogue.mistakes(config, AnswerParser::integer));
        ValueCatalogue.checkOverlaps(config, matcher);
        String form = AnswerParser.INTEGER_FORM
                + (tolerance.isExact() ? "" : "; answers within " + tolerance.describe() + " count");
        return new AnswerCheck(matcher, AnswerParser::readInteger,
                new Expected(matcher.expected().display(), config.string("derivation", "")), form, Set.of());
    }
}
