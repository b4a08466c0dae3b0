package io.tensorgrade.grader.check;

import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlReader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    @ValueSource(strings = {"\"56,4564\"", "\"564,56\"", "five", "\"12 FLOPs\"", "\"0x1F\"", "0x1F", "\"\""})
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
}
