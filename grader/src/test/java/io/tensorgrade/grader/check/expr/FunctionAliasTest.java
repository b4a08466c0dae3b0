package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Courses name built-in functions their own way: seed 000 writes h for the sigmoid. */
class FunctionAliasTest {

    @Test
    void aliasCallsTheBuiltInAndReadsAsItsName() {
        Expression e = Expression.parse("h(z1*w12)", List.of("z1", "w12"), Map.of("h", "sigma"));
        assertEquals("sigma(z1*w12)", e.readAs());
        assertEquals(1 / (1 + Math.exp(-0.5)), e.evaluate(Map.of("z1", 1.0, "w12", 0.5)), 1e-15);
    }

    @Test
    void domainDefinitionsAndAnswersMayUseTheAlias() {
        Domain d = Domain.builder().real("x", -2, 2).real("w", -2, 2).function("h", "sigmoid")
                .define("z", "h(x*w)").build();
        Expression student = d.parse("h(x*w)*(1 - h(x*w))");
        Expression reference = d.parse("z*(1 - z)");
        assertTrue(EquivalenceTester.of(d).test(reference, student).equivalent());
    }

    @Test
    void withoutTheAliasHIsAnUnknownFunctionAndTheMessageListsAliases() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Expression.parse("g(x)", List.of("x"), Map.of("h", "sigma")));
        assertEquals("unknown function 'g'", e.reason());
        assertTrue(e.detail().contains(", h,"), e.detail());
    }

    @Test
    void badAliasesAreRubricErrors() {
        assertEquals("function h: unknown built-in function 'sigm'; known: abs, ceil, cos, exp, floor, int, ln, "
                        + "log, log10, log2, max, min, relu, round, sigma, sigmoid, sin, sqrt, tan, tanh, trunc",
                assertThrows(GraderException.class,
                        () -> Expression.parse("x", List.of("x"), Map.of("h", "sigm"))).getMessage());
        assertEquals("function name 'x' is also a variable", assertThrows(GraderException.class,
                () -> Expression.parse("x", List.of("x"), Map.of("x", "sigma"))).getMessage());
        assertEquals("function name 'exp' is already a built-in function or operator",
                assertThrows(GraderException.class,
                        () -> Expression.parse("x", List.of("x"), Map.of("exp", "sigma"))).getMessage());
        assertThrows(GraderException.class,
                () -> Domain.builder().real("x", 0, 1).function("h", "nope").build());
    }
}
