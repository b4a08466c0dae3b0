package io.tensorgrade.grader.check;

import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerParserTest {

    /** The value of {@code a:} in the YAML line {@code a: <yaml>}, typed as the parser resolves it. */
    static YamlNode yaml(String yaml) {
        return ((YamlMap) YamlReader.readYaml("a: " + yaml + "\n").root()).get("a");
    }

    static Stream<String> integerForms() {
        return Stream.of("564564", "\"564564\"", "\"564,564\"", "564_564", "\"564 564\"", "5.64564e5", "\"5.64564e5\"",
                "\"5.64564E+05\"", "564564.0", "+564564", "\"5.64564 x 10^5\"", "\"5.64564 × 10^5\"",
                "\"5.64564*10**5\"", "\"564\u202f564\"");
    }

    @ParameterizedTest
    @MethodSource("integerForms")
    void readsAnIntegerInAnyCommonForm(String form) {
        assertEquals(Value.of(564564), AnswerParser.integer(yaml(form)));
    }

    @Test
    void readsNegativeIntegers() {
        assertEquals(Value.of(-3), AnswerParser.integer(yaml("-3")));
    }

    @Test
    void refusesAnIntegerWithDecimals() {
        AnswerFormatException e = assertThrows(AnswerFormatException.class,
                () -> AnswerParser.integer(yaml("5.645645e5")));
        assertTrue(e.getMessage().contains("not a whole number"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"56,4564\"", "\"564,56\"", "five", "\"12 apples\"", "\"0x1F\"", "0x1F", "\"\""})
    void refusesGarbageAndSaysWhichFormIsExpected(String form) {
        AnswerFormatException e = assertThrows(AnswerFormatException.class, () -> AnswerParser.integer(yaml(form)));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    }

    @Test
    void refusesAListWhereAnIntegerIsExpected() {
        AnswerFormatException e = assertThrows(AnswerFormatException.class,
                () -> AnswerParser.integer(yaml("[1, 2]")));
        assertEquals("Expected an integer, found a list of 2 items; write " + AnswerParser.INTEGER_FORM + ".",
                e.getMessage());
    }

    @Test
    void refusesBooleansAndEmptyValues() {
        assertThrows(AnswerFormatException.class, () -> AnswerParser.integer(yaml("true")));
        assertThrows(AnswerFormatException.class, () -> AnswerParser.integer(yaml("")));
    }

    static Stream<Object[]> numberForms() {
        return Stream.of(new Object[]{"0.7311", 0.7311}, new Object[]{".5", 0.5}, new Object[]{"1.5e-3", 1.5e-3},
                new Object[]{"\"3/4\"", 0.75}, new Object[]{"\"-1/8\"", -0.125}, new Object[]{"\"1,234.5\"", 1234.5},
                new Object[]{"7", 7.0}, new Object[]{"\" 2.5 \"", 2.5});
    }

    @ParameterizedTest
    @MethodSource("numberForms")
    void readsARealNumberInAnyCommonForm(String form, double expected) {
        assertEquals(expected, AnswerParser.number(yaml(form)).value(), 0.0);
    }

    @Test
    void refusesADecimalCommaRatherThanMisreadingIt() {
        assertThrows(AnswerFormatException.class, () -> AnswerParser.number(yaml("\"0,731\"")));
    }

    @Test
    void refusesDivisionByZero() {
        AnswerFormatException e = assertThrows(AnswerFormatException.class,
                () -> AnswerParser.number(yaml("\"1/0\"")));
        assertTrue(e.getMessage().contains("divides by zero"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[12, 7, 7]", "\"12x7x7\"", "12x7x7", "12 × 7 × 7", "12 x 7 x 7", "\"(12, 7, 7)\"",
        "\"12*7*7\"", "\"12, 7, 7\"", "\"torch.Size([12, 7, 7])\"", "[\"12\", 7, 7]", "[12.0, 7, 7]", "12X7X7",
        "\"[12,7,7]\""})
    void readsAShapeInAnyCommonForm(String form) {
        assertEquals(Value.shape(12, 7, 7), AnswerParser.shape(yaml(form)));
    }

    @Test
    void readsAOneElementShapeFromANumberOrAPythonTuple() {
        assertEquals(Value.shape(10), AnswerParser.shape(yaml("10")));
        assertEquals(Value.shape(10), AnswerParser.shape(yaml("\"(10,)\"")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"seven by seven", "[12, -7, 7]", "[]", "[12, 7.5, 7]", "\"12x7x\"", "[[12, 7], 7]",
        "\"\"", "true"})
    void refusesGarbageShapesAndSaysWhichFormIsExpected(String form) {
        AnswerFormatException e = assertThrows(AnswerFormatException.class, () -> AnswerParser.shape(yaml(form)));
        assertTrue(e.getMessage().contains("[3, 32, 32]"), e.getMessage());
    }

    // ---------------------------------------------------------------- issue 13: answers as students write them

    static Stream<Object[]> workedIntegers() {
        return Stream.of(
                // seed 000: T_FLOP = C_mul + C_add + P_max, and C_mul = 7^2 * 30 * 4^2 * 12
                new Object[]{"282240 + 281652 + 588 + 864", 565344},
                new Object[]{"\"T_{FLOP} = 282240 + 264600 + 864\"", 547704},
                new Object[]{"\"$$ C_{mul} = 7^2 * 30 * 4^2 * 12$$\"", 282240},
                new Object[]{"\"12 x 7 x 7\"", 588},
                new Object[]{"\"12 × 7 × 7\"", 588},
                // seed 003: "(3*6+4*9+6)*25 = 1500", "C3 = 1500"
                new Object[]{"\"(3*6+4*9+6)*25 = 1500\"", 1500},
                new Object[]{"C3 = 1500", 1500},
                // seed 002: "Total no. of paramaters. = 2,468,544 + 58,621,952 = 61,090,496",
                // "Layer 1: 3*64*11*11 = 23232"
                new Object[]{"\"Total no. of paramaters. = 2,468,544 + 58,621,952 = 61,090,496\"", 61090496},
                new Object[]{"\"Layer 1: 3*64*11*11 = 23232\"", 23232},
                new Object[]{"\"floor((14 + 2*1 - 4)/2) + 1\"", 7},
                new Object[]{"\"$\\\\lfloor \\\\frac{14 + 2 - 4}{2} \\\\rfloor + 1$\"", 7},
                new Object[]{"\"O = ceil((14 + 2*1 - 4 + 1) / 2) = 7\"", 7},
                new Object[]{"565344 FLOPs", 565344},
                new Object[]{"\"565,344 MACs\"", 565344},
                new Object[]{"\"$565\\\\,344$ multiplications\"", 565344});
    }

    @ParameterizedTest
    @MethodSource("workedIntegers")
    void readsAnIntegerWithItsWorkingLabelAndUnit(String form, long expected) {
        Reading r = AnswerParser.readInteger(yaml(form));
        assertEquals(Value.of(expected), r.value());
        assertEquals(List.of(), r.notes());
        assertFalse(r.estimate());
    }

    static Stream<Object[]> estimates() {
        return Stream.of(new Object[]{"61.1M", 61_100_000L, 100_000.0}, new Object[]{"565K", 565_000L, 1000.0},
                new Object[]{"1.3G", 1_300_000_000L, 1e8}, new Object[]{"61.1 million", 61_100_000L, 100_000.0},
                new Object[]{"\"~565,000\"", 565_000L, 1000.0}, new Object[]{"≈ 565k", 565_000L, 1000.0},
                new Object[]{"about 565000", 565_000L, 1000.0}, new Object[]{"1.3 GFLOPs", 1_300_000_000L, 1e8},
                new Object[]{"\"$\\\\approx 61.1\\\\text{M}$\"", 61_100_000L, 100_000.0},
                new Object[]{"\"2.4M + 58.6M\"", 61_000_000L, 100_000.0});
    }

    @ParameterizedTest
    @MethodSource("estimates")
    void readsAnEstimateWithThePrecisionItWasWrittenWith(String form, long expected, double step) {
        Reading r = AnswerParser.readInteger(yaml(form));
        assertEquals(Value.of(expected), r.value());
        assertTrue(r.estimate(), form);
        assertEquals(step, r.step(), 1e-9 * step);
    }

    @Test
    void aValueAfterAnApproximateSignIsAnEstimateAndItsWorkingIsNotChecked() {
        // seed 002's hint: [(3*64*11*11) + 64] ~= (3*64*11*11)
        Reading r = AnswerParser.readInteger(yaml("\"[(3*64*11*11) + 64] ~= (3*64*11*11)\""));
        assertEquals(Value.of(23232), r.value());
        assertTrue(r.estimate());
        assertEquals(List.of(), r.notes());
    }

    @Test
    void scientificNotationIsExactButKnowsItsLastDigit() {
        Reading r = AnswerParser.readInteger(yaml("2.3e6"));
        assertEquals(Value.of(2_300_000), r.value());
        assertFalse(r.estimate());
        assertEquals(100_000, r.step());
        assertEquals(1, AnswerParser.readInteger(yaml("5.64756e5")).step());
    }

    @Test
    void aUnitWordIsKeptAsTheQuantityItNames() {
        assertEquals(Reading.Unit.MACS, AnswerParser.readInteger(yaml("\"565,344 MACs\"")).unit());
        assertEquals(Reading.Unit.FLOPS, AnswerParser.readInteger(yaml("565344 FLOPs")).unit());
        assertEquals(Reading.Unit.PARAMS, AnswerParser.readInteger(yaml("61.1M params")).unit());
        assertEquals(Reading.Unit.PARAMS, AnswerParser.readInteger(yaml("\"61,090,496 weights\"")).unit());
        assertNull(AnswerParser.readInteger(yaml("565344")).unit());
    }

    @Test
    void aWorkingThatDisagreesWithTheValueIsNotedAndTheValueIsGraded() {
        Reading r = AnswerParser.readInteger(yaml("\"(3*6+4*9+6)*25 = 1600\""));
        assertEquals(Value.of(1600), r.value());
        assertEquals(List.of("Your working (3*6+4*9+6)*25 gives 1,500, not 1,600; the value after the last '='"
                + " is graded."), r.notes());
    }

    @Test
    void aWorkingAgreesWithARoundedValueWithinItsLastDigit() {
        assertEquals(List.of(), AnswerParser.readInteger(yaml("\"2,468,544 + 58,621,952 = 61.1M\"")).notes());
        assertEquals(List.of(), AnswerParser.readInteger(yaml("\"23,296 ≈ 23k\"")).notes());
    }

    @Test
    void readsRealNumbersInLatexAndWithALabel() {
        assertEquals(0.75, AnswerParser.number(yaml("\"$\\\\frac{3}{4}$\"")).value());
        assertEquals(0.5, AnswerParser.number(yaml("\"x = 0.5\"")).value());
        Reading r = AnswerParser.readNumber(yaml("\"~0.73\""));
        assertTrue(r.estimate());
        assertEquals(0.01, r.step(), 1e-12);
    }

    static Stream<Object[]> refusedNumbers() {
        return Stream.of(
                new Object[]{"61.1m", "Could not read '61.1m' as an integer: m after a number means milli; write 61.1M"
                        + " or 61.1 million; expected " + AnswerParser.INTEGER_FORM + "."},
                new Object[]{"\"500k–600k\"", "Could not read '500k–600k' as an integer: '–' at column 5 does not read"
                        + " as a minus sign (it may mean a range); write - for a subtraction; expected "
                        + AnswerParser.INTEGER_FORM + "."},
                new Object[]{"\"1500, 2400\"", "Could not read '1500, 2400' as an integer: unexpected ',' at column 5;"
                        + " expected " + AnswerParser.INTEGER_FORM + "."},
                new Object[]{"\"57/2*57/2\"", "'57/2*57/2' is 812.25, not a whole number; expected "
                        + AnswerParser.INTEGER_FORM + "."},
                new Object[]{"\"x =\"", "Could not read 'x =' as an integer: there is no value after the last '=';"
                        + " expected " + AnswerParser.INTEGER_FORM + "."},
                new Object[]{"\"3 + = 5\"", "Could not read the working '3 +': it ends where a number belongs; write the"
                        + " value alone, or a working that reads, e.g. (3*6+4*9+6)*25 = 1500 (expected "
                        + AnswerParser.INTEGER_FORM + ")."},
                new Object[]{"\"1500\\n2400\"", "The answer has 2 lines; write only the value on one line (a working"
                        + " may stay, e.g. 2,468,544 + 58,621,952 = 61,090,496); expected " + AnswerParser.INTEGER_FORM
                        + "."},
                new Object[]{"\"$2^{1/2}$\"", "Could not read '$2^{1/2}$' (read as '2^(1/2)') as an integer: only whole"
                        + " powers up to 1000 are computed; expected " + AnswerParser.INTEGER_FORM + "."});
    }

    @ParameterizedTest
    @MethodSource("refusedNumbers")
    void refusesAnAmbiguousNumberAndSaysHowToWriteIt(String form, String message) {
        AnswerFormatException e = assertThrows(AnswerFormatException.class, () -> AnswerParser.integer(yaml(form)));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"$7 \\\\times 7 \\\\times 12$\"", "\"$$7 \\\\times 7 \\\\times 12$$\"",
        "\"\\\\(7 \\\\times 7 \\\\times 12\\\\)\"", "\"\\\\[7 \\\\times 7 \\\\times 12\\\\]\"",
        "\"7 \\\\cdot 7 \\\\cdot 12\"", "7×7×12", "7·7·12", "\"O = 7x7x12\"", "\"output: 7x7x12\"",
        "\"C's output: $7 \\\\times 7 \\\\times 12$\"", "\"7x7x12 = 588\"",
        "\"$\\\\mathbb{R}^{7 \\\\times 7 \\\\times 12}$\"",
        "\"7 by 7 by 12\"", "\"$7~\\\\times~7~\\\\times~12$\""})
    void readsAShapeAsPastedFromNotebookMarkdown(String form) {
        assertEquals(Value.shape(7, 7, 12), AnswerParser.shape(yaml(form)));
    }

    static Stream<Object[]> refusedShapes() {
        return Stream.of(
                new Object[]{"\"7x7x12 = 600\"", "'7x7x12 = 600' does not read as one shape: 7x7x12 has 588 values, not"
                        + " 600; write the shape alone, e.g. 7x7x12."},
                new Object[]{"\"12x7x7 = 7x7x12\"", "'12x7x7 = 7x7x12' gives two shapes, [12, 7, 7] and [7, 7, 12];"
                        + " write the one you mean, e.g. [7, 7, 12]."});
    }

    @ParameterizedTest
    @MethodSource("refusedShapes")
    void refusesAShapeThatContradictsItself(String form, String message) {
        AnswerFormatException e = assertThrows(AnswerFormatException.class, () -> AnswerParser.shape(yaml(form)));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"W = [0.299, 0.587, 0.114]", "$W = [0.299, 0.587, 0.114]$", "$$W = [0.299, 0.587, 0.114]$$",
        "w_gray: [0.299, 0.587, 0.114]"})
    void aListAnswerLosesItsNameAndItsLatex(String form) {
        assertEquals("[0.299, 0.587, 0.114]", AnswerParser.listText(form));
    }

    @Test
    void aBmatrixIsANestedList() {
        assertEquals("[[0, 1], [-1, 0]]", AnswerParser.listText("$\\begin{bmatrix} 0 & 1 \\\\ -1 & 0 \\end{bmatrix}$"));
        assertEquals("tensor([[1., 2.]], dtype=torch.float64)",
                AnswerParser.listText("tensor([[1., 2.]], dtype=torch.float64)"));
    }
}
