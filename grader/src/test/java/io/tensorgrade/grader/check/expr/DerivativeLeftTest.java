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
import static io.tensorgrade.grader.check.expr.SeedParts.CARRY_THROUGH;
import static io.tensorgrade.grader.check.expr.SeedParts.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gradient that leaves a derivative in it (seed 000's unfinished dE/dw(x,1)) has not carried the chain rule
 * through: it fails with a verdict that names the derivatives, not with "unknown variable 'dE'".
 */
class DerivativeLeftTest {
    @TempDir
    Path dir;

    private final KindFixture kind = new KindFixture(new ExpressionKind(), () -> dir);

    static Stream<Arguments> unfinishedGradients() {
        return Stream.of(
                Arguments.of("dE/dz1 * dz1/dw(x,1)", "dE/dz1 and dz1/dw(x,1) are left as derivatives."),
                Arguments.of("dE/dw12", "dE/dw12 is left as a derivative."),
                Arguments.of("\\frac{\\partial E}{\\partial z_1} \\cdot \\frac{\\partial z_1}{\\partial w_{(x,1)}}",
                        "∂E/∂z_1 and ∂z_1/∂w(x,1) are left as derivatives."),
                Arguments.of("\\frac{dE}{dz_1} x", "dE/dz_1 is left as a derivative."),
                Arguments.of("∂E/∂z1 * z1 (1 - z1) x", "∂E/∂z1 is left as a derivative."),
                Arguments.of("\\partial E / \\partial z_1", "∂E/∂z_1 is left as a derivative."),
                Arguments.of("d(z2 - y2)^2/dw(x,1) + d(z3 - y3)^2/dw(x,1)",
                        "d(z2-y2)^2/dw(x,1) and d(z3-y3)^2/dw(x,1) are left as derivatives."),
                Arguments.of("sum_{a in (2,3)} sum_i d(z_a - y_ai)^2 / dw(x,1)",
                        "d(z_a-y_ai)^2/dw(x,1) is left as a derivative."),
                Arguments.of("\\sum_{a} \\sum_i \\frac{\\partial (z_a - y_{ai})^2}{\\partial w_{(x,1)}}",
                        "∂(z_a-y_ai)^2/∂w(x,1) is left as a derivative."),
                Arguments.of("\\frac{d}{dw_{(x,1)}} \\left((z_2 - y_2)^2 + (z_3 - y_3)^2\\right)",
                        "d/dw(x,1) is left as a derivative."),
                Arguments.of("2(z2 - y2) z2(1 - z2) w12 dz1/dw(x,1) + 2(z3 - y3) z3(1 - z3) w13 dz1/dw(x,1)",
                        "dz1/dw(x,1) is left as a derivative."));
    }

    @ParameterizedTest
    @MethodSource("unfinishedGradients")
    void aDerivativeLeftFailsAndIsNamed(String answer, String left) {
        Verdict v = kind.grade(kind.check(SeedParts.WX1 + SeedParts.PER_POINT), yaml(answer));
        assertEquals(Status.FAILED, v.status(), v.feedback());
        assertEquals(0.0, v.credit());
        assertNull(v.mistake());
        assertEquals("The chain rule is not carried through: " + left + CARRY_THROUGH, v.feedback());
    }

    @Test
    void onlyTheLastSideOfAChainCounts() {
        Check c = kind.check(SeedParts.W12 + SeedParts.PER_POINT);
        Verdict v = kind.grade(c, yaml("\\frac{\\partial E}{\\partial w_{(1,2)}} = \\sum_i 2(z_2 - y_{2i})"
                + " \\frac{\\partial z_2}{\\partial w_{(1,2)}}"));
        assertEquals("The chain rule is not carried through: ∂z_2/∂w(1,2) is left as a derivative." + CARRY_THROUGH,
                v.feedback());
        assertEquals(Status.PASSED, kind.grade(c, yaml("dE/dw12 = 2(z2 - y2) z2 (1 - z2) z1")).status());
    }

    @Test
    void manyDerivativesAreCountedAfterTheFirstThree() {
        Verdict v = kind.grade(kind.check(SeedParts.W12), yaml("dE/dz2 + dz2/dw12 + dE/dz1 + dz1/dw12 + dz3/dw13"));
        assertEquals("The chain rule is not carried through: dE/dz2, dz2/dw12, dE/dz1 and 2 more are left as"
                + " derivatives." + CARRY_THROUGH, v.feedback());
    }

    @Test
    void aPrimeIsNotReadAndSaysWhy() {
        Check c = kind.check(SeedParts.W12);
        AnswerFormatException e = assertThrows(AnswerFormatException.class,
                () -> kind.grade(c, yaml("2(z2 - y2) h'(z1 w12) z1")));
        assertEquals("answers.yaml:1: could not read the formula: unexpected ''' at column 13; a prime such as h' is a"
                + " derivative, which is not read: write the derivative out as a formula:\n  2(z2 - y2) h'(z1 w12) z1\n"
                + "              ^", e.getMessage());
    }

    @Test
    void aVeryLongAnswerIsRefusedBeforeItIsRewritten() {
        Check c = kind.check(SeedParts.W12 + SeedParts.PER_POINT);
        AnswerFormatException e = assertThrows(AnswerFormatException.class,
                () -> kind.grade(c, yaml("\\sum_i ".repeat(1000) + "z1")));
        assertTrue(e.getMessage().startsWith("answers.yaml:1: could not read the formula: expression is too long (7002"
                + " characters, at most 4000)"), e.getMessage());
    }

    static Stream<Arguments> formulasWithoutDerivatives() {
        return Stream.of(
                Arguments.of("floor((I + 2*P - d*(K - 1) - 1)/S) + 1", Set.of("I", "K", "S", "P", "d")),
                Arguments.of("(I - 1)/d + x/dK", Set.of("I", "d", "K", "x")),
                Arguments.of("x/dw + 1", Set.of("x", "dw")),
                Arguments.of("a/delta", Set.of("a")),
                Arguments.of("\\frac{d}{2} + \\frac{1}{1 + e^{-x}}", Set.of("d", "x")),
                Arguments.of("2(z2 - y2)/(1 + z1) \\cdot \\delta", Set.of("z1", "z2", "y2")));
    }

    @ParameterizedTest
    @MethodSource("formulasWithoutDerivatives")
    void namesThatStartWithDAreNotDerivatives(String formula, Set<String> names) {
        assertEquals(List.of(), Derivatives.find(formula, names, List.of("i")));
    }
}
