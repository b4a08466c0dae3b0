package io.tensorgrade.grader.batch.store;

import io.tensorgrade.grader.result.PartResult;
import java.util.Objects;

/**
 * One part's result in the run store, with what it was graded from: it is reused while all three keys match.
 *
 * @param contentHash   the submission's content hash when it was graded
 * @param partHash      the part's configuration hash when it was graded
 * @param graderVersion the grader's version that graded it
 */
public record StoredPart(PartResult result, String contentHash, String partHash, String graderVersion) {

    public StoredPart {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(partHash, "partHash");
        Objects.requireNonNull(graderVersion, "graderVersion");
    }

    /** Whether this result still stands for a submission and part with these hashes, graded by {@code version}. */
    public boolean current(String content, String part, String version) {
        return contentHash.equals(content) && partHash.equals(part) && graderVersion.equals(version);
    }
}
