package io.tensorgrade.grader.check.expr;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every form must read as the conv output-size rule floor((I + 2P - K)/S) + 1, or the given formula. */
class AnswerNormaliserTest {
    private static final Set<String> SIZES = Set.of("I", "K", "S", "P");
    private static final Set<String> NET = Set.of("x", "w12", "z1", "z2", "y2");

    static Stream<Arguments> outputSizeForms() {
        return Stream.of(
                Arguments.of("floor((I + 2P - K)/S) + 1"),
                Arguments.of("O = floor((I + 2P - K)/S) + 1"),
                Arguments.of("W_out = floor((I+2*P-K)/S)+1"),
                Arguments.of("$O = \\left\\lfloor \\frac{I + 2P - K}{S} \\right\\rfloor + 1$"),
                Arguments.of("$$\\lfloor \\dfrac{I-K+2P}{S}\\rfloor + 1$$"),
                Arguments.of("\\left\\lfloor\\frac{I + 2 \\cdot P - K}{S}\\right\\rfloor + 1"),
                Arguments.of("\\operatorname{floor}\\left(\\frac{I + 2\\times P - K}{S}\\right) + 1"),
                Arguments.of("⌊(I + 2P − K)/S⌋ + 1"));
    }

    @ParameterizedTest
    @MethodSource("outputSizeForms")
    void outputSizeFormsReadAsTheRule(String answer) {
        Domain d = Domain.builder().integer("I", 1, 40).integer("K", 1, 7).integer("S", 1, 4).integer("P", 0, 3)
                .build();
        Expression reference = d.parse("floor((I + 2*P - K)/S) + 1");
        Expression read = d.parse(AnswerNormaliser.normalise(answer, SIZES, null));
        EquivalenceResult r = EquivalenceTester.of(d).test(reference, read);
        assertEquals(true, r.equivalent(), answer + " read as " + read.readAs() + ": " + r.describe());
    }

    static Stream<Arguments> rewrites() {
        return Stream.of(
                Arguments.of("\\frac{1}{2} x", "((1)/(2)) x", NET, null),
                Arguments.of("\\frac12 x", "((1)/(2)) x", NET, null),
                Arguments.of("2(z_2 - y_{2}) \\sigma(z_1 w_{12})", "2(z2 - y2) σ(z1 w12)", NET, null),
                Arguments.of("x^{2} + \\sqrt{x}", "x^(2) + sqrt(x)", NET, null),
                Arguments.of("\\exp(-x)\\,x", "exp(-x) x", NET, null),
                Arguments.of("dE/dw12 = 2(z2 - y2)", "2(z2 - y2)", NET, null),
                Arguments.of("x <= 2", "x <= 2", NET, null),
                Arguments.of("a = b = c", "a = b = c", NET, null),
                Arguments.of("sum_i 2(z2 - y2i) * h(z1*w12)", "2(z2 - y2) * h(z1*w12)", NET, "i"),
                Arguments.of("\\sum_{i} 2(z2 - y_{2i})", "2(z2 - y2)", NET, "i"),
                Arguments.of("sum_i 2(z2 - y2i)", "sum_i 2(z2 - y2i)", NET, null));
    }

    @ParameterizedTest
    @MethodSource("rewrites")
    void rewritesNotationOnly(String answer, String expected, Set<String> names, String sumIndex) {
        assertEquals(expected, AnswerNormaliser.normalise(answer, names, sumIndex));
    }

    @ParameterizedTest
    @MethodSource("unknownCommands")
    void unknownCommandsAreLeftForTheParserToReport(String answer) {
        assertEquals(answer, AnswerNormaliser.normalise(answer, Set.copyOf(List.of("x")), null));
    }

    static Stream<String> unknownCommands() {
        return Stream.of("\\alpha x", "\\partial x");
    }
}
