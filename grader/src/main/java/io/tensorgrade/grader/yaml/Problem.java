package io.tensorgrade.grader.yaml;

import java.util.Objects;

/**
 * Something wrong at one place of a document: the line, the field (a path such as
 * {@code given.kernel} or {@code accept[1].credit}; empty for the document itself) and
 * a message that says what is wrong and what is allowed.
 */
public record Problem(int line, String field, String message) {

    public Problem {
        Objects.requireNonNull(message, "message");
        field = field == null ? "" : field;
    }

    /** {@code field: message}, or just the message when there is no field. */
    public String describe() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
