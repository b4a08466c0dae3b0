package io.tensorgrade.grader.gradescope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorgrade.grader.GraderException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What Gradescope's {@code /autograder/submission_metadata.json} says about a submission's time: its
 * {@code created_at} and the assignment's {@code due_date}
 * (https://gradescope-autograders.readthedocs.io/en/latest/submission_metadata/).
 *
 * @param createdAt when it was submitted, null when the file does not say
 * @param dueDate   the due date that applies, null when the file does not say
 */
public record SubmissionMetadata(Instant createdAt, Instant dueDate) {

    /** Reads {@code file}; a missing or malformed file is a GraderException naming it and the field. */
    public static SubmissionMetadata read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new GraderException("Cannot read the submission metadata " + file + ": " + e.getMessage(), e);
        }
        Instant created = time(file, root.path("created_at"), "created_at");
        Instant due = time(file, root.path("assignment").path("due_date"), "assignment.due_date");
        return new SubmissionMetadata(created, due);
    }

    private static Instant time(Path file, JsonNode node, String field) {
        if (!node.isTextual() || node.asText().isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeException e) {
            throw new GraderException(file + ": " + field + " '" + node.asText() + "' is not an ISO date-time with an"
                    + " offset, e.g. 2026-10-09T23:59:00.000000-07:00");
        }
    }
}
