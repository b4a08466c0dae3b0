package io.tensorgrade.grader.batch.store;

import java.util.Locale;

/** A graded submission's status for triage, beyond its score. */
public enum SubmissionStatus {
    /** Graded; nothing for a TA to look at. */
    GRADED,
    /** Graded, but a TA should look: an empty folder, an unreadable answers file, misnamed files. */
    NEEDS_REVIEW,
    /** Some part could not be graded (grader, sandbox or data problem): not the student's fault. */
    ERROR,
    /** Some of the student's code ran past its time limit. */
    TIMEOUT;

    /** The name in the gradebook and reports, e.g. {@code needs_review}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status called {@code label}. */
    public static SubmissionStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
