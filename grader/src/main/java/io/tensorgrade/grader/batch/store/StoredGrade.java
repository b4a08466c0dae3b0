package io.tensorgrade.grader.batch.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A graded submission in the run store: its status for triage and the stored result of each part graded so far.
 *
 * @param reason   why the status is not {@code graded} (empty when it is)
 * @param warnings the report's notes that cost no points
 * @param millis   how long grading took, over every grading of it that is still in the store
 * @param parts    by part id
 */
public record StoredGrade(String student, String contentHash, SubmissionStatus status, String reason,
                          List<String> warnings, long millis, Map<String, StoredPart> parts) {

    public StoredGrade {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        warnings = List.copyOf(warnings);
        parts = Map.copyOf(parts);
    }
}
