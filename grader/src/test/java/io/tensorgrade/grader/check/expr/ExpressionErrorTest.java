package io.tensorgrade.grader.check.expr;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpressionErrorTest {
    private static final List<String> VARS = List.of("I", "K", "S", "P");
    private static final String FUNCTIONS = "abs, ceil, cos, exp, floor, int, ln, log, log10, log2, max, min, "
            + "relu, round, sigma, sigmoid, sin, sqrt, tan, tanh, trunc";
    private static final String ADD_OPERATOR = "add the operator you meant (*, +, ^, ...)";
    private static final String NOT_IN_FORMULA = "comparisons belong in constraints, not in a formula";

    @Test
    void messagePointsAtTheCharacterWithACaret() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Expression.parse("(I + 2P - K))/S", VARS));
        assertEquals("unexpected ')' at column 13:\n"
                + "  (I + 2P - K))/S\n"
                + "              ^", e.getMessage());
        assertEquals(13, e.column());
        assertEquals("unexpected ')'", e.reason());
        assertEquals("", e.detail());
        assertEquals("(I + 2P - K))/S", e.expression());
    }

    static Stream<Arguments> formulaErrors() {
        return Stream.of(
                Arguments.of("I + * K", "unexpected '*' at column 5"),
                Arguments.of("I + ", "unexpected end of expression at column 5"),
                Arguments.of("", "empty expression at column 1"),
                Arguments.of("floor((I - K)/S", "'(' is never closed at column 6"),
                Arguments.of("⌊I/S", "'⌊' is never closed at column 1"),
                Arguments.of("(I - K]", "mismatched ']' at column 7; the '(' at column 1 is closed by ')'"),
                Arguments.of("⌈I/S)", "mismatched ')' at column 5; the '⌈' at column 1 is closed by '⌉'"),
                Arguments.of("I + Q", "unknown variable 'Q' at column 5; known variables: I, K, S, P"),
                Arguments.of("k + 1",
                        "unknown variable 'k' at column 1; did you mean 'K'? known variables: I, K, S, P"),
                Arguments.of("I - w12", "unknown variable 'w12' at column 5; known variables: I, K, S, P"),
                Arguments.of("h(I)", "unknown function 'h' at column 1; known functions: " + FUNCTIONS),
                Arguments.of("2 Floor(I)",
                        "unknown function 'Floor' at column 3; did you mean 'floor'? known functions: " + FUNCTIONS),
                Arguments.of("floor I", "function 'floor' without parentheses at column 1; write floor(...)"),
                Arguments.of("2 3", "missing operator before '3' at column 3; " + ADD_OPERATOR),
                Arguments.of("(K+1)2", "missing operator before '2' at column 6; " + ADD_OPERATOR),
                Arguments.of("floor(I, K)", "wrong number of arguments for floor at column 1; it takes 1, got 2"),
                Arguments.of("I + max()", "wrong number of arguments for max at column 5; it takes at least 1, got 0"),
                Arguments.of("log(I, K, S)", "wrong number of arguments for log at column 1; it takes 1 or 2, got 3"),
                Arguments.of("I >= K", "unexpected '>=' at column 3; " + NOT_IN_FORMULA),
                Arguments.of("I and K", "unexpected 'and' at column 3; " + NOT_IN_FORMULA),
                Arguments.of("O = I + 1", "unexpected '=' at column 3; write only the right-hand side of the formula; "
                        + "compare with '=='"),
                Arguments.of("I $ K", "unexpected character '$' at column 3"),
                Arguments.of("I, K", "unexpected ',' at column 2"),
                Arguments.of("max(I K", "'(' is never closed at column 4"),
                Arguments.of("max(I; K)", "unexpected character ';' at column 6"),
                Arguments.of("I & K", "unexpected '&' at column 3; write '&&' or 'and'"));
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @MethodSource("formulaErrors")
    void formulaErrorNamesTheProblemAndColumn(String text, String firstLine) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Expression.parse(text, VARS));
        assertMessage(text, firstLine, e);
    }

    @Test
    void ambiguousConcatenationListsEveryReading() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Expression.parse("2abc", "a", "ab", "b", "bc", "c"));
        assertMessage("2abc", "ambiguous name 'abc' at column 2; it could be ab*c or a*bc or a*b*c; "
                + "write '*' between the variables", e);
    }

    @Test
    void constantThatIsAlsoAConcatenationIsAmbiguous() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Expression.parse("pi", "p", "i"));
        assertMessage("pi", "ambiguous name 'pi' at column 1; it could be the constant pi or p*i; "
                + "write '*' between the variables", e);
    }

    @Test
    void constraintMustBeAComparison() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Expression.parseCondition("I + 2P", VARS));
        assertMessage("I + 2P", "not a comparison at column 1; a constraint looks like 'I + 2*P >= K'", e);
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        String text = "(".repeat(5000) + "I" + ")".repeat(5000);
        ExpressionException e = assertThrows(ExpressionException.class, () -> Expression.parse(text, VARS));
        assertTrue(e.getMessage().startsWith("expression is too long (10001 characters, at most 2000)"),
                e.getMessage());
        String nested = "-(".repeat(300) + "I" + ")".repeat(300);
        e = assertThrows(ExpressionException.class, () -> Expression.parse(nested, VARS));
        assertTrue(e.reason().startsWith("expression is nested too deeply"), e.getMessage());
    }

    @Test
    void hostileConcatenationFailsQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            String word = "a".repeat(200) + "b";
            ExpressionException e = assertThrows(ExpressionException.class,
                    () -> Expression.parse(word, "a", "aa", "aaa"));
            assertTrue(e.reason().startsWith("unknown variable"), e.getMessage());
            e = assertThrows(ExpressionException.class, () -> Expression.parse("a".repeat(200), "a", "aa", "aaa"));
            assertTrue(e.reason().startsWith("ambiguous name"), e.getMessage());
        });
    }

    /** The whole message: the first line, then the formula and a caret under the reported column. */
    private static void assertMessage(String text, String firstLine, ExpressionException e) {
        int column = Integer.parseInt(firstLine.replaceAll("^.*? at column (\\d+).*$", "$1"));
        assertEquals(firstLine + ":\n  " + text + "\n  " + " ".repeat(column - 1) + "^", e.getMessage());
        assertEquals(column, e.column());
    }
}
