package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.KindFixture;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static io.tensorgrade.grader.check.expr.SeedParts.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 000 names its weights w(x,1), w(1,2), w(1,3) (w_{(1,2)} in its LaTeX); the rubric declares them as wx1,
 * w12, w13. Every index notation of a declared name reads as that name, and the feedback says so.
 */
class IndexNotationTest {
    @TempDir
    Path dir;

    private final KindFixture kind = new KindFixture(new ExpressionKind(), () -> dir);

    static Stream<Arguments> notationsOfW12() {
        return Stream.of(
                Arguments.of("w(1,2)", "read w(1,2) as w12"),
                Arguments.of("w(1, 2)", "read w(1,2) as w12"),
                Arguments.of("w_{(1,2)}", "read w_{(1,2)} as w12"),
                Arguments.of("w_{1,2}", "read w_{1,2} as w12"),
                Arguments.of("w_(1,2)", "read w_(1,2) as w12"));
    }

    @ParameterizedTest
    @MethodSource("notationsOfW12")
    void indexNotationsOfW12ReadAsW12AndSaySo(String w12, String note) {
        Verdict v = kind.grade(kind.check(SeedParts.W12), yaml("2(z_2 - y_2) h(z_1 " + w12 + ")(1 - h(z_1 " + w12
                + ")) z_1"));
        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertTrue(v.feedback().startsWith("Correct: your formula, read as 2*(z2 - y2)*sigma(z1*w12)*(1 - sigma(z1*w12))"
                + "*z1, agrees with the reference at all 200 points tested."), v.feedback());
        assertTrue(v.feedback().endsWith("Note: " + note + "."), v.feedback());
    }

    static Stream<Arguments> notationsOfWx1() {
        return Stream.of(Arguments.of("w(x,1)", "Note: read w(x,1) as wx1."),
                Arguments.of("w_{(x,1)}", "Note: read w_{(x,1)} as wx1."),
                Arguments.of("w_{x1}", ""), Arguments.of("w_{x,1}", "Note: read w_{x,1} as wx1."));
    }

    @ParameterizedTest
    @MethodSource("notationsOfWx1")
    void indexNotationsOfWx1ReadAsWx1(String wx1, String note) {
        // z1 = h(x w(x,1)) written out: the formula is right only if w(x,1) is read as wx1.
        Verdict v = kind.grade(kind.check(SeedParts.W12), yaml("2(z2 - y2) z2 (1 - z2) h(x " + wx1 + ")"));
        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertTrue(v.feedback().contains("read as 2*(z2 - y2)*z2*(1 - z2)*sigma(x*wx1),"), v.feedback());
        assertEquals(!note.isEmpty(), v.feedback().contains(note.isEmpty() ? "Note:" : note), v.feedback());
    }

    @Test
    void theSeedsGradientForWx1WithItsOwnWeightNamesIsCorrect() {
        Verdict v = kind.grade(kind.check(SeedParts.WX1),
                yaml("(2(z2-y2)z2(1-z2)w(1,2) + 2(z3-y3)z3(1-z3)w(1,3)) z1(1-z1) x"));
        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertTrue(v.feedback().endsWith("Note: read w(1,2) as w12; read w(1,3) as w13."), v.feedback());
    }

    @Test
    void indexNotationsOfDefinedNamesReadAsThoseNames() {
        Verdict v = kind.grade(kind.check(SeedParts.W12), yaml("2(z(2) - y_2) z(2)(1 - z(2)) z_{(1)}"));
        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertTrue(v.feedback().endsWith("Note: read z(2) as z2; read z_{(1)} as z1."), v.feedback());
    }

    @Test
    void aFunctionCallStaysACallAndGetsNoNote() {
        Verdict v = kind.grade(kind.check(SeedParts.W13), yaml("2(z3 - y3) h(z1*w13)(1 - h(z1*w13)) z1"));
        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertFalse(v.feedback().contains("Note:"), v.feedback());
    }

    @Test
    void anUndeclaredIndexedNameIsAnErrorNamingTheDeclaredOnes() {
        Check c = kind.check(SeedParts.W13);
        AnswerFormatException e = assertThrows(AnswerFormatException.class,
                () -> kind.grade(c, yaml("2(z3 - y3) z3 (1 - z3) w(3,4)")));
        assertTrue(e.getMessage().startsWith("answers.yaml:1: could not read the formula: unknown variable 'w(3,4)' at "
                + "column 24; w(3,4) would be w34, which this part does not declare; its w variables are wx1, w12, w13"
                + " (wx1 = w(x,1), w12 = w(1,2), w13 = w(1,3)); known variables: x, y2, y3, wx1, w12, w13, z1, z2, z3"),
                e.getMessage());
        AnswerFormatException latex = assertThrows(AnswerFormatException.class,
                () -> kind.grade(c, yaml("2(z_3 - y_3) z_3 (1 - z_3) w_{3,4}")));
        assertTrue(latex.getMessage().contains("unknown variable 'w(3,4)'") && latex.getMessage().contains(
                "you wrote: 2(z_3 - y_3) z_3 (1 - z_3) w_{3,4}\n  read as:   2(z3 - y3) z3 (1 - z3) w(3,4)"),
                latex.getMessage());
    }

    @Test
    void aCallOfANameThatStartsNoVariableIsStillAnUnknownFunction() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Expression.parse("g(x, 1)", List.of("x", "w12")));
        assertEquals("unknown function 'g'", e.reason());
    }

    @Test
    void aDeclaredNameBeforeAParenthesisIsAProductNotAnIndex() {
        IndexedNames.Rewritten r = IndexedNames.rewrite("S(K) + w(1,2)", Set.of("S", "K", "SK", "w12"), Set.of(),
                List.of());
        assertEquals("S(K) + w12", r.text());
        assertEquals(List.of("read w(1,2) as w12"), r.notes());
    }

    @Test
    void aDataIndexInAnIndexNotationReadsAsTheValueAtThePoint() {
        IndexedNames.Rewritten r = IndexedNames.rewrite("y(2,i) + y_{(3,i)}", Set.of("y2", "y3"), Set.of(),
                List.of("i"));
        assertEquals("y2 + y3", r.text());
        assertEquals(List.of("read y(2,i) as y2", "read y_{(3,i)} as y3"), r.notes());
    }
}
