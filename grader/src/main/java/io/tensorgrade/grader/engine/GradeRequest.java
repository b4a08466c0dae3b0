package io.tensorgrade.grader.engine;

import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.result.Lateness;
import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Path;
import java.time.Instant;
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
 * @param submittedAt when the submission was made (for the rubric's late policy); null when unknown
 * @param due         the due date to measure lateness against instead of the rubric's (Gradescope's own,
 *                    which carries extensions); null: the rubric's
 * @param deadline    no part starts after this instant, and the sandbox job is cut to end by it; null: none
 * @param progress    gets the report so far after each part (parts not graded yet listed as such); null: none
 */
public record GradeRequest(Rubric rubric, Submission submission, Predicate<Part> selection, Path dataDir,
                           Supplier<Sandbox> sandbox, Instant submittedAt, Instant due, Instant deadline,
                           java.util.function.Consumer<io.tensorgrade.grader.result.GradeReport> progress) {

    public GradeRequest {
        Objects.requireNonNull(rubric, "rubric");
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(sandbox, "sandbox");
    }

    /** Every part, no data folder, no sandbox. */
    public static GradeRequest of(Rubric rubric, Submission submission) {
        return new GradeRequest(rubric, submission, p -> true, null, CheckContext.NO_SANDBOX, null, null, null, null);
    }

    /** This request for a submission made at {@code at}, due at {@code dueDate} (null: the rubric's due date). */
    public GradeRequest submitted(Instant at, Instant dueDate) {
        return new GradeRequest(rubric, submission, selection, dataDir, sandbox, at, dueDate, deadline, progress);
    }

    /** This request stopping new parts at {@code at} (null: never). */
    public GradeRequest deadline(Instant at) {
        return new GradeRequest(rubric, submission, selection, dataDir, sandbox, submittedAt, due, at, progress);
    }

    /** This request telling {@code listener} the report so far after each part. */
    public GradeRequest progress(java.util.function.Consumer<io.tensorgrade.grader.result.GradeReport> listener) {
        return new GradeRequest(rubric, submission, selection, dataDir, sandbox, submittedAt, due, deadline, listener);
    }

    /** How late the submission is under the rubric's late policy ({@link Lateness#NONE} without one). */
    public Lateness lateness() {
        return rubric.late().map(p -> due == null ? p : p.dueAt(due)).map(p -> p.assess(submittedAt))
                .orElse(Lateness.NONE);
    }

    /** This request running only the parts {@code selection} accepts. */
    public GradeRequest only(Predicate<Part> selection) {
        return new GradeRequest(rubric, submission, selection, dataDir, sandbox, submittedAt, due, deadline, progress);
    }

    /** This request with data sets looked up in {@code dataDir} (null: relative to the rubric). */
    public GradeRequest data(Path dataDir) {
        return new GradeRequest(rubric, submission, selection, dataDir, sandbox, submittedAt, due, deadline, progress);
    }

    /** This request running student code in {@code sandbox}. */
    public GradeRequest sandbox(Supplier<Sandbox> sandbox) {
        return new GradeRequest(rubric, submission, selection, dataDir, sandbox, submittedAt, due, deadline, progress);
    }
}
