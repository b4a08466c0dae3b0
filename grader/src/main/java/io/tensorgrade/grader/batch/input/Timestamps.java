package io.tensorgrade.grader.batch.input;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the times Gradescope writes in {@code submission_metadata.yml}. The file is Ruby's YAML, so a time
 * is {@code 2023-12-02 02:52:07.938335000 Z} or {@code 2024-03-01 12:34:56.789000000 -08:00}; other tools
 * rewrite it as ISO 8601 ({@code 2024-03-01T12:34:56-0800}). All of these, and YAML 1.1's own timestamp
 * forms ({@code -5} as an offset), are read; a time without a zone is UTC, as YAML 1.1 says.
 */
final class Timestamps {

    private static final Pattern FORM = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[Tt]|[ \\t]+)(\\d{1,2}):(\\d{2}):(\\d{2})(?:[.,](\\d+))?"
                    + "[ \\t]*(?:(Z|z|UTC)|([+-])(\\d{1,2})(?::?(\\d{2}))?)?");

    private Timestamps() {
    }

    /** The instant {@code text} names, or null when it is not a time in one of the forms above. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(num(m, 1), num(m, 2), num(m, 3));
            LocalTime time = LocalTime.of(num(m, 4), num(m, 5), num(m, 6), nanos(m.group(7)));
            ZoneOffset offset = ZoneOffset.UTC;
            if (m.group(9) != null) {
                int sign = m.group(9).equals("-") ? -1 : 1;
                int minutes = m.group(11) == null ? 0 : num(m, 11);
                offset = ZoneOffset.ofHoursMinutes(sign * num(m, 10), sign * minutes);
            }
            return LocalDateTime.of(date, time).toInstant(offset);
        } catch (DateTimeException e) {
            return null; // 2024-13-45 and the like: the caller notes it
        }
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    /** Fractional seconds to nanoseconds; digits past the ninth are below what an Instant holds. */
    private static int nanos(String digits) {
        if (digits == null) {
            return 0;
        }
        String nine = (digits.length() > 9 ? digits.substring(0, 9) : digits + "000000000").substring(0, 9);
        return Integer.parseInt(nine);
    }
}
