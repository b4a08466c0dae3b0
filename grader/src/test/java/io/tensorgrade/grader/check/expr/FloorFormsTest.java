package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.KindFixture;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static io.tensorgrade.grader.check.expr.SeedParts.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output-size rule floor((I - K + 2P)/S) + 1 written as Python (math.floor, int, //) or with other
 * brackets: each is the same formula, checked against conv2d's output size (check_against) like the reference.
 */
class FloorFormsTest {
    private static final String INT_NOTE = "Note: int(...) is read as trunc(...), rounding toward zero as Python's int"
            + " does: floor for values >= 0, ceil for negative ones.";

    @TempDir
    Path dir;

    private final KindFixture kind = new KindFixture(new ExpressionKind(), () -> dir);

    static Stream<String> floorForms() {
        return Stream.of("math.floor((I - K + 2*P) / S) + 1", "floor((I - K + 2P)/S) + 1", "(I - K + 2*P) // S + 1",
                "1 + (I+2P-K)//S", "np.floor((I + 2*P - K)/S) + 1", "numpy.floor((I + 2*P - K)/S) + 1",
                "floor[(I - K + 2P)/S] + 1", "math.ceil((I + 2*P - K + 1)/S)", "O = \\lfloor \\frac{I-K+2P}{S} \\rfloor + 1");
    }

    @ParameterizedTest
    @MethodSource("floorForms")
    void pythonAndMathFloorFormsAreTheRule(String answer) {
        Verdict v = kind.grade(kind.check(ExpressionKindTest.OUTPUT_SIZE), yaml(answer));
        assertEquals(Status.PASSED, v.status(), answer + ": " + v.feedback());
        assertTrue(v.feedback().startsWith("Correct: your formula, read as "), v.feedback());
        assertTrue(v.feedback().contains("agrees with the reference at all 200 points tested."), v.feedback());
        assertFalse(v.feedback().contains("Note:"), v.feedback());
    }

    @Test
    void intIsTheRuleForTheNonNegativeSizesAndTheFeedbackSaysHowItIsRead() {
        Check c = kind.check(ExpressionKindTest.OUTPUT_SIZE);
        for (String answer : List.of("int((I - K + 2*P)/S) + 1", "int((I - K + 2*P)/S + 1)")) {
            Verdict v = kind.grade(c, yaml(answer));
            assertEquals(Status.PASSED, v.status(), v.feedback());
            assertTrue(v.feedback().startsWith("Correct: your formula, read as trunc("), v.feedback());
            assertTrue(v.feedback().endsWith(INT_NOTE), v.feedback());
        }
    }

    @Test
    void intTruncatesNegativeValuesSoItIsNotFloorThere() {
        assertEquals(-2.0, Expression.parse("int(x)", "x").evaluate(Map.of("x", -2.5)));
        assertEquals(-3.0, Expression.parse("floor(x)", "x").evaluate(Map.of("x", -2.5)));
        assertEquals(2.0, Expression.parse("trunc(x)", "x").evaluate(Map.of("x", 2.9999999999999996)) - 1);
        Check c = kind.check("reference: \"floor(x/2)\"\nvariables: {x: {int: [-9, 9]}}\n");
        Verdict v = kind.grade(c, yaml("int(x/2)"));
        assertEquals(Status.FAILED, v.status());
        assertTrue(v.feedback().matches("(?s)Your formula, read as trunc\\(x/2\\), differs from the reference at \\d+ of"
                + " 200 points tested, e\\.g\\. at x=-1: expected -1, got 0\\..*"), v.feedback());
        assertTrue(v.feedback().endsWith(INT_NOTE), v.feedback());
    }

    @Test
    void pythonFormsOfAWrongRuleAreStillNamed() {
        Check c = kind.check(ExpressionKindTest.OUTPUT_SIZE);
        assertEquals("ceil_instead_of_floor", kind.grade(c, yaml("math.ceil((I + 2*P - K)/S) + 1")).mistake());
        assertEquals("plus_one_forgotten", kind.grade(c, yaml("int((I - K + 2*P)/S)")).mistake());
        assertEquals("padding_ignored", kind.grade(c, yaml("(I - K) // S + 1")).mistake());
    }

    @Test
    void aModuleBeforeANameThatIsNoFunctionIsLeftForTheParser() {
        assertEquals("math.e + 1", AnswerNormaliser.normalise("math.e + 1", java.util.Set.of("x"), null));
        assertEquals("floor(x)", AnswerNormaliser.normalise("math.floor(x)", java.util.Set.of("x"), null));
    }
}
