package io.tensorgrade.grader.rubric;

import java.util.Objects;

/**
 * One problem in a rubric, printed as
 * {@code rubrics/hw3.yaml:14: part q1c: check: unknown check 'flop' (did you mean 'flops'?); known: ...}.
 *
 * @param part  the part id (or {@code #3} when the part has no valid id), empty for top-level keys
 * @param field the key path, e.g. {@code given.kernel}; empty for the document itself
 */
public record RubricError(String file, int line, String part, String field, String message) {

    public RubricError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        part = part == null ? "" : part;
        field = field == null ? "" : field;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (!part.isEmpty()) {
            sb.append("part ").append(part).append(": ");
        }
        if (!field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(message).toString();
    }
}
