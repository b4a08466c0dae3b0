package io.tensorgrade.grader.batch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    static Stream<Arguments> gradescopeForms() {
        return Stream.of(
                Arguments.of("2024-03-01 12:34:56.789000000 -08:00", "2024-03-01T20:34:56.789Z"),
                Arguments.of("2023-12-02 02:52:07.938335000 Z", "2023-12-02T02:52:07.938335Z"),
                Arguments.of("2024-03-01 12:34:56 -0800", "2024-03-01T20:34:56Z"),
                Arguments.of("2024-03-01T12:34:56.5+05:30", "2024-03-01T07:04:56.500Z"),
                Arguments.of("2024-03-01T12:34:56Z", "2024-03-01T12:34:56Z"),
                Arguments.of("2001-12-14 21:59:43.10 -5", "2001-12-15T02:59:43.100Z"),
                Arguments.of("2024-03-01 12:34:56.1234567891234", "2024-03-01T12:34:56.123456789Z"));
    }

    @ParameterizedTest
    @MethodSource("gradescopeForms")
    void readsTheFormsGradescopeAndYamlWrite(String text, String expected) {
        assertEquals(Instant.parse(expected), Timestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2024-13-01 10:00:00 Z", "2024-03-01", "2024-03-01 25:00:00 Z",
        "2024-03-01 10:00:00 +25:00"})
    void anythingElseIsNoTime(String text) {
        assertEquals(null, Timestamps.parse(text));
    }
}
