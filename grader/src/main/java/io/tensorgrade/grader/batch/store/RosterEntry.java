package io.tensorgrade.grader.batch.store;

import io.tensorgrade.grader.batch.input.ClassSubmission;
import java.util.Objects;

/** A submission of the class as the latest run found it, with its content hash. */
public record RosterEntry(ClassSubmission submission, String contentHash) {

    public RosterEntry {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(contentHash, "contentHash");
    }

    /** The submission's key in the run (its folder name). */
    public String student() {
        return submission.student();
    }
}
