package io.tensorgrade.grader.rubric;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.check.AnswerParser;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.check.answer.AnswerCheck;
import io.tensorgrade.grader.check.answer.AnswerMatcher;
import io.tensorgrade.grader.check.answer.Mistake;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a reference-backed kind plugs in: one class with its keys and a factory, registered with
 * {@link CheckKinds#with}. This one computes a 1-D output size, floor((n + 2p - k)/s) + 1.
 */
class PluggedKindTest {

    static final class OutputSizeKind implements CheckKind {
        @Override
        public String name() {
            return "output_size";
        }

        @Override
        public String description() {
            return "output size of a 1-D convolution";
        }

        @Override
        public Set<String> keys() {
            return Set.of("n", "kernel", "padding", "stride");
        }

        @Override
        public Check create(ConfigReader c) {
            long n = c.integer("n");
            long k = c.integer("kernel");
            long p = c.integer("padding", 0);
            long s = c.integer("stride", 1);
            if (s < 1) {
                c.error("stride", "stride must be >= 1, found " + s);
                return null;
            }
            long size = Math.floorDiv(n + 2 * p - k, s) + 1;
            long noPadding = Math.floorDiv(n - k, s) + 1;
            List<Mistake> mistakes = noPadding == size ? List.of()
                    : List.of(Mistake.of("no_padding", Value.of(noPadding), "the padding is left out"));
            return new AnswerCheck(new AnswerMatcher(Value.of(size), Tolerance.EXACT, List.of(), mistakes),
                    AnswerParser::integer,
                    new Expected(String.valueOf(size), "floor((" + n + " + 2*" + p + " - " + k + ")/" + s + ") + 1"),
                    AnswerParser.INTEGER_FORM);
        }
    }

    @TempDir
    Path dir;

    @Test
    void aNewKindValidatesItsOwnKeysAndComputesTheExpectedValue() {
        Path file = Fixtures.write(dir, "r.yaml", "assignment: a\nparts:\n  - {id: q1, points: 1,"
                + " check: output_size, n: 14, kernel: 4, padding: 1, stride: 2}\n");
        Rubric r = RubricLoader.load(file, CheckKinds.standard().with(new OutputSizeKind()));
        Expected e = r.parts().get(0).check().expected();
        assertEquals("7", e.value());
        assertEquals("floor((14 + 2*1 - 4)/2) + 1", e.derivation());
    }

    @Test
    void aNewKindsErrorsAreReportedLikeAnyOther() {
        Path file = Fixtures.write(dir, "r.yaml", "assignment: a\nparts:\n  - id: q1\n    points: 1\n"
                + "    check: output_size\n    n: 14\n    kernal: 4\n    stride: 0\n");
        RubricException e = assertThrows(RubricException.class,
                () -> RubricLoader.load(file, CheckKinds.standard().with(new OutputSizeKind())));
        List<String> messages = e.errors().stream().map(RubricError::toString).toList();
        assertEquals(3, messages.size(), messages.toString());
        assertTrue(messages.get(0).endsWith(":3: part q1: kernel: missing required field 'kernel'"), messages.get(0));
        assertTrue(messages.get(1).endsWith(":7: part q1: kernal: unknown key 'kernal' (did you mean 'kernel'?);"
                + " allowed: id, title, points, check, visibility, tags, description, partial_credit, kernel, n,"
                + " padding, stride"), messages.get(1));
        assertTrue(messages.get(2).endsWith(":8: part q1: stride: stride must be >= 1, found 0"), messages.get(2));
    }

    @Test
    void aKindThatCrashesWhileReadingIsReportedAsARubricError() {
        CheckKind crashing = new CheckKind() {
            @Override
            public String name() {
                return "crashing";
            }

            @Override
            public String description() {
                return "crashes";
            }

            @Override
            public Set<String> keys() {
                return Set.of();
            }

            @Override
            public Check create(ConfigReader config) {
                throw new IllegalStateException("bug in the kind");
            }
        };
        Path file = Fixtures.write(dir, "r.yaml", "assignment: a\nparts:\n  - {id: q1, points: 1, check: crashing}\n");
        RubricException e = assertThrows(RubricException.class,
                () -> RubricLoader.load(file, CheckKinds.standard().with(crashing)));
        assertTrue(e.errors().get(0).toString().endsWith(":3: part q1: check: check kind 'crashing' could not read"
                + " this part: java.lang.IllegalStateException: bug in the kind"), e.errors().toString());
    }
}
