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
 * @param createdAt   when it was submitted, null when the file does not say
 * @param dueDate     the due date that applies, null when the file does not say
 * @param lateDueDate Gradescope's late due date (after it, Gradescope accepts no submission), null when none
 * @param users       who submitted it, as "Name <email>" (several for a group); empty when the file does not say
 */
public record SubmissionMetadata(Instant createdAt, Instant dueDate, Instant lateDueDate, java.util.List<String> users) {

    /** Nothing known. */
    public static final SubmissionMetadata NONE = new SubmissionMetadata(null, null, null, java.util.List.of());

    public SubmissionMetadata {
        users = users == null ? java.util.List.of() : java.util.List.copyOf(users);
    }

    /**
     * A line for the staff log naming the student and the times, and saying when the rubric's due date differs
     * from Gradescope's (Gradescope's is used: it carries extensions); empty when nothing is known.
     */
    public String staffLine(Instant rubricDue) {
        if (createdAt == null && users.isEmpty()) {
            return "";
        }
        String who = users.isEmpty() ? "a submission" : "the submission of " + String.join(", ", users);
        String line = "grading " + who + (createdAt == null ? "" : ", made " + createdAt)
                + (dueDate == null ? "" : ", due " + dueDate) + (lateDueDate == null ? "" : " (late due " + lateDueDate
                + ")");
        if (rubricDue != null && dueDate != null && !rubricDue.equals(dueDate)) {
            line += "; note: the rubric's due date " + rubricDue + " differs from Gradescope's, which is used (it"
                    + " carries extensions)";
        }
        return line;
    }

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
        Instant late = time(file, root.path("assignment").path("late_due_date"), "assignment.late_due_date");
        java.util.List<String> users = new java.util.ArrayList<>();
        for (JsonNode u : root.path("users")) {
            String name = u.path("name").asText("");
            String email = u.path("email").asText("");
            users.add((name + (email.isEmpty() ? "" : " <" + email + ">")).strip());
        }
        return new SubmissionMetadata(created, due, late, users);
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
