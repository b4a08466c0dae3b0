package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpressionTest {
    private static final List<String> VARS = List.of("I", "K", "S", "P", "z1", "z2");
    private static final Map<String, Double> AT = Map.of("I", 7.0, "K", 3.0, "S", 2.0, "P", 1.0, "z1", 0.25,
            "z2", 0.5);

    /** Expected values by hand, checked against Python 3 where Python has the same operator. */
    static Stream<Arguments> valueCases() {
        return Stream.of(
                Arguments.of("1 + 2*3", 7.0),
                Arguments.of("10 - 4 - 3", 3.0),
                Arguments.of("24 / 4 / 3", 2.0),
                Arguments.of("2^3^2", 512.0),
                Arguments.of("2**3**2", 512.0),
                Arguments.of("-2^2", -4.0),
                Arguments.of("(-2)^2", 4.0),
                Arguments.of("2^-1", 0.5),
                Arguments.of("2*-K", -6.0),
                Arguments.of("-K + I", 4.0),
                Arguments.of("+K", 3.0),
                Arguments.of("1e-3 * 1000", 1.0),
                Arguments.of("2.5E2", 250.0),
                Arguments.of(".5 + 5.", 5.5),
                Arguments.of("7 // 2", 3.0),
                Arguments.of("-7 // 2", -4.0),
                Arguments.of("-7 % 3", 2.0),
                Arguments.of("7 % -3", -2.0),
                Arguments.of("I - S(K-1)+ 2P", 5.0),
                Arguments.of("floor((I + 2P - K)/S) + 1", 4.0),
                Arguments.of("ceil((I + 2P - K + 1)/S)", 4.0),
                Arguments.of("round(2.5) + round(3.5)", 6.0),
                Arguments.of("abs(-3) + sqrt(16)", 7.0),
                Arguments.of("exp(0) + ln(1) + log2(8) + log10(1000)", 7.0),
                Arguments.of("log(8, 2)", 3.0),
                Arguments.of("log(e)", 1.0),
                Arguments.of("sin(0) + cos(0) + tanh(0)", 1.0),
                Arguments.of("min(I, K, S) + max(I, K, S, P)", 9.0),
                Arguments.of("max(P)", 1.0),
                Arguments.of("sigma(0) + sigmoid(0)", 1.0),
                Arguments.of("sigma(-800) + sigma(800)", 1.0),
                Arguments.of("relu(-2) + relu(3)", 3.0),
                Arguments.of("pi", Math.PI),
                Arguments.of("2e", 2 * Math.E),
                Arguments.of("e^ln(K)", 3.0),
                Arguments.of("2^K S", 16.0),
                Arguments.of("2P(K+1)", 8.0),
                Arguments.of("(K)(S)", 6.0),
                Arguments.of("[K + S] * 2", 10.0),
                Arguments.of("2[K - S](K)", 6.0),
                Arguments.of("KS", 6.0),
                Arguments.of("z2 z1", 0.125),
                Arguments.of("z2z1", 0.125),
                Arguments.of("2z1", 0.5),
                Arguments.of("K S P", 6.0),
                Arguments.of("2 floor(I/S)", 6.0),
                Arguments.of("S floor(I/S)", 6.0),
                Arguments.of("1/2S", 1.0),
                Arguments.of("2K^2", 18.0),
                Arguments.of("-2K", -6.0));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("valueCases")
    void evaluatesWithStandardPrecedence(String text, double expected) {
        assertEquals(expected, Expression.parse(text, VARS).evaluate(AT), 1e-12, text);
    }

    static Stream<Arguments> unicodeCases() {
        return Stream.of(
                Arguments.of("2·K", "2*K", 6.0),
                Arguments.of("2⋅P", "2*P", 2.0),
                Arguments.of("K×S", "K*S", 6.0),
                Arguments.of("I − K", "I - K", 4.0),
                Arguments.of("I – K", "I - K", 4.0),
                Arguments.of("K ÷ S", "K/S", 1.5),
                Arguments.of("⌊I/S⌋", "floor(I/S)", 3.0),
                Arguments.of("⌈I/S⌉", "ceil(I/S)", 4.0),
                Arguments.of("⌊(I + 2P − K)/S⌋ + 1", "floor((I + 2*P - K)/S) + 1", 4.0),
                Arguments.of("σ(0)", "sigma(0)", 0.5),
                Arguments.of("2π", "2*pi", 2 * Math.PI),
                Arguments.of("K²", "K^2", 9.0),
                Arguments.of("S³", "S^3", 8.0),
                Arguments.of("z₂ · z₁", "z2*z1", 0.125));
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @MethodSource("unicodeCases")
    void acceptsUnicodeOperators(String text, String readAs, double expected) {
        Expression e = Expression.parse(text, VARS);
        assertEquals(readAs, e.readAs());
        assertEquals(expected, e.evaluate(AT), 1e-12, text);
    }

    static Stream<Arguments> renderCases() {
        return Stream.of(
                Arguments.of("I - S(K-1)+ 2P", "I - S*(K - 1) + 2*P"),
                Arguments.of("floor((I+2P-K)/S)+1", "floor((I + 2*P - K)/S) + 1"),
                Arguments.of("(I+2P-K)//S+1", "(I + 2*P - K)//S + 1"),
                Arguments.of("2^3^2", "2^3^2"),
                Arguments.of("(2^3)^2", "(2^3)^2"),
                Arguments.of("-(K^2)", "-K^2"),
                Arguments.of("(-K)^2", "(-K)^2"),
                Arguments.of("2^-1", "2^(-1)"),
                Arguments.of("K-(S-P)", "K - (S - P)"),
                Arguments.of("(K-S)-P", "K - S - P"),
                Arguments.of("K/(S*P)", "K/(S*P)"),
                Arguments.of("(K/S)*P", "K/S*P"),
                Arguments.of("z2z1", "z2*z1"),
                Arguments.of("sigmoid(ln(K))", "sigma(log(K))"),
                Arguments.of("max(I,K , S)", "max(I, K, S)"));
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @MethodSource("renderCases")
    void readAsShowsExplicitOperatorsAndMinimalParentheses(String text, String readAs) {
        Expression e = Expression.parse(text, VARS);
        assertEquals(readAs, e.readAs());
        assertEquals(e.evaluate(AT), Expression.parse(readAs, VARS).evaluate(AT), 0.0, "rendering changes the value");
    }

    @Test
    void declaredVariableShadowsConstantE() {
        Expression e = Expression.parse("2e + 1", "e");
        assertEquals(7.0, e.evaluate(Map.of("e", 3)), 0.0);
        assertEquals(List.of("e"), List.copyOf(e.variables()));
    }

    @Test
    void scientificNotationWinsOverVariableE() {
        assertEquals(0.002, Expression.parse("2e-3", "e").evaluate(Map.of("e", 3)), 1e-18);
    }

    @Test
    void declaredVariableBeforeParenthesisIsAProductNotACall() {
        Expression e = Expression.parse("S(K-1)", "S", "K");
        assertEquals("S*(K - 1)", e.readAs());
    }

    @Test
    void wholeDeclaredNameWinsOverSplitting() {
        Expression e = Expression.parse("ksize - k", "k", "ksize", "s", "i", "z", "e");
        assertEquals("ksize - k", e.readAs());
        assertTrue(e.notes().isEmpty());
    }

    @Test
    void splitNameIsReportedInNotes() {
        Expression e = Expression.parse("KS + 1", VARS);
        assertEquals(List.of("'KS' is read as K*S"), e.notes());
    }

    @Test
    void implicitProductAfterDivisionIsReportedInNotes() {
        Expression e = Expression.parse("1/2S", VARS);
        assertEquals(1, e.notes().size());
        String note = e.notes().get(0);
        assertTrue(note.contains("column 4") && note.contains("(1/2)*S") && note.contains("1/(2*S)"), note);
    }

    @Test
    void parenthesizedDivisionBeforeImplicitProductGetsNoNote() {
        Expression e = Expression.parse("(1/2)S + K/S P", VARS);
        assertEquals("1/2*S + K/S*P", e.readAs());
        assertEquals(1, e.notes().size());
        assertTrue(e.notes().get(0).contains("(K/S)*P") && e.notes().get(0).contains("K/(S*P)"), e.notes().get(0));
    }

    @Test
    void variablesListsOnlyThoseUsedInOrder() {
        Expression e = Expression.parse("S(K-1) + K + I", VARS);
        assertEquals(List.of("S", "K", "I"), List.copyOf(e.variables()));
        assertEquals(VARS, List.copyOf(e.declaredVariables()));
    }

    @Test
    void divisionByZeroAndLogOfNegativeGiveNonFiniteValues() {
        assertEquals(Double.POSITIVE_INFINITY, Expression.parse("K/(S-S)", VARS).evaluate(AT));
        assertTrue(Double.isNaN(Expression.parse("log(-K)", VARS).evaluate(AT)));
        assertTrue(Double.isNaN(Expression.parse("K % 0", VARS).evaluate(AT)));
        assertTrue(Double.isNaN(Expression.parse("sqrt(-1)", VARS).evaluate(AT)));
    }

    @Test
    void floorIgnoresFloatingPointNoiseBelowAnInteger() {
        // In double, 0.1*30 is 3.0000000000000004 and 2.9/0.1 is 28.999999999999996.
        assertEquals(29.0, Expression.parse("floor(2.9/0.1)").evaluate(Map.of()), 0.0);
        assertEquals(3.0, Expression.parse("ceil(0.1*30)").evaluate(Map.of()), 0.0);
    }

    @Test
    void conditionsEvaluateToOneOrZeroAndChainLikePython() {
        Expression c = Expression.parseCondition("0 < S <= K and (I + 2*P - K) % S == 0", VARS);
        assertEquals("0 < S && S <= K && (I + 2*P - K)%S == 0", c.readAs());
        assertTrue(c.holds(AT));
        assertEquals(1.0, c.evaluate(AT), 0.0);
        Expression d = Expression.parseCondition("K > I || S != 2", VARS);
        assertFalse(d.holds(AT));
        assertTrue(Expression.parseCondition("I >= 7 && K <= 3 && P == 1 && S < 3 && I > K", VARS).holds(AT));
    }

    @Test
    void conditionWithNaNDoesNotHold() {
        assertFalse(Expression.parseCondition("log(-K) <= 0 || log(-K) > 0", VARS).holds(AT));
    }

    @Test
    void evaluateNamesTheMissingVariable() {
        GraderException e = assertThrows(GraderException.class,
                () -> Expression.parse("I + K", VARS).evaluate(Map.of("I", 1)));
        assertEquals("formula 'I + K' needs a value for K; given: I", e.getMessage());
    }

    @Test
    void invalidVariableNamesAreRubricErrors() {
        assertEquals("variable name 'floor' clashes with a function or operator name",
                assertThrows(GraderException.class, () -> Expression.parse("1", "floor")).getMessage());
        assertEquals("variable name '2x' is not an identifier (letters, digits, '_', starting with a letter or '_')",
                assertThrows(GraderException.class, () -> Expression.parse("1", "2x")).getMessage());
        assertEquals("variable name 'x' is declared twice",
                assertThrows(GraderException.class, () -> Expression.parse("1", "x", "x")).getMessage());
    }
}
