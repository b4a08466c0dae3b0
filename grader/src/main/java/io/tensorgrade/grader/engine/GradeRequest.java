package io.tensorgrade.grader.engine;

import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What {@link Grader#grade} grades: one submission against one rubric.
 *
 * @param selection the parts to run; the others are reported as skipped
 * @param dataDir   where held-out data sets are mounted ({@code --data}); null: relative to the rubric
 * @param sandbox   runs student code, asked for only by the parts that run code (so pass a memoizing
 *                  supplier such as {@link io.tensorgrade.grader.sandbox.select.Sandboxes#lazy});
 *                  {@link CheckContext#NO_SANDBOX} when the rubric has no code parts
 */
public record GradeRequest(Rubric rubric, Submission submission, Predicate<Part> selection, Path dataDir,
                           Supplier<Sandbox> sandbox) {

    public GradeRequest {
        Objects.requireNonNull(rubric, "rubric");
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(sandbox, "sandbox");
    }

    /** Every part, no data folder, no sandbox. */
    public static GradeRequest of(Rubric rubric, Submission submission) {
        return new GradeRequest(rubric, submission, p -> true, null, CheckContext.NO_SANDBOX);
    }

    /** This request running only the parts {@code selection} accepts. */
    public GradeRequest only(Predicate<Part> selection) {
        return new GradeRequest(rubric, submission, selection, dataDir, sandbox);
    }

    /** This request with data sets looked up in {@code dataDir} (null: relative to the rubric). */
    public GradeRequest data(Path dataDir) {
        return new GradeRequest(rubric, submission, selection, dataDir, sandbox);
    }

    /** This request running student code in {@code sandbox}. */
    public GradeRequest sandbox(Supplier<Sandbox> sandbox) {
        return new GradeRequest(rubric, submission, selection, dataDir, sandbox);
    }
}
