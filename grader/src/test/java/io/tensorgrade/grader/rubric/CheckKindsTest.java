package io.tensorgrade.grader.rubric;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.answer.IntegerKind;
import io.tensorgrade.grader.check.answer.ShapeKind;
import io.tensorgrade.grader.result.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckKindsTest {

    /** A kind as a reference-backed kind would be written: a name, its keys and a factory. */
    static final class Always implements CheckKind {
        @Override
        public String name() {
            return "always";
        }

        @Override
        public String description() {
            return "always passes";
        }

        @Override
        public Set<String> keys() {
            return Set.of();
        }

        @Override
        public Check create(ConfigReader config) {
            return new Check() {
                @Override
                public Expected expected() {
                    return Expected.of("anything");
                }

                @Override
                public String answerForm() {
                    return "anything";
                }

                @Override
                public Verdict grade(CheckContext context) {
                    return Verdict.pass("ok");
                }
            };
        }
    }

    @Test
    void theStandardKindsAreRegisteredByName() {
        CheckKinds kinds = CheckKinds.standard();
        assertEquals(List.of("accuracy", "conv_kernel", "conv_output_shape", "expression", "flops", "function",
                "integer", "json_function", "macs", "number", "output_shape", "params", "pool_output_shape", "shape",
                "tensor", "training"),
                kinds.names());
        assertTrue(kinds.find("shape").orElseThrow() instanceof ShapeKind);
        assertTrue(kinds.find("flop").isEmpty());
    }

    @Test
    void withAddsAKindWithoutChangingTheOriginal() {
        CheckKinds kinds = CheckKinds.standard();
        CheckKinds more = kinds.with(new Always());
        assertTrue(more.find("always").isPresent());
        assertTrue(kinds.find("always").isEmpty());
    }

    @Test
    void aNameRegisteredTwiceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckKinds.of(new IntegerKind(), new IntegerKind()));
        assertEquals("check kind 'integer' is registered twice", e.getMessage());
    }
}
