package io.tensorgrade.grader.check;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.submission.Answer;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a check sees while grading: the part's id, the submission, the rubric's folder, where the course's
 * data sets are mounted and the sandbox that runs student code.
 *
 * @param rubricDir the folder of the rubric file, for data files the rubric names
 * @param dataDir   the folder given with {@code --data} (or {@code TENSORGRADE_DATA}) where the real data
 *                  sets are mounted; null when none was given, and data paths are resolved against
 *                  {@code rubricDir}
 * @param sandbox   the sandbox of this grading run, chosen once and on first use (so rubrics without code
 *                  checks never probe Docker); {@link #NO_SANDBOX} when the caller configured none
 */
public record CheckContext(String partId, Submission submission, Path rubricDir, Path dataDir,
                           Supplier<Sandbox> sandbox) {

    /** A supplier that says no sandbox was configured, for callers that grade answers only. */
    public static final Supplier<Sandbox> NO_SANDBOX = () -> {
        throw new GraderException("This part runs your code, but no sandbox was configured for this grading run"
                + " (use tensorgrade grade or check, which choose one with --sandbox).");
    };

    public CheckContext {
        Objects.requireNonNull(partId, "partId");
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(sandbox, "sandbox");
    }

    /** A context without a data folder or a sandbox. */
    public CheckContext(String partId, Submission submission, Path rubricDir) {
        this(partId, submission, rubricDir, null, NO_SANDBOX);
    }

    /** A context with a data folder and without a sandbox. */
    public CheckContext(String partId, Submission submission, Path rubricDir, Path dataDir) {
        this(partId, submission, rubricDir, dataDir, NO_SANDBOX);
    }

    /** A context with a sandbox and without a data folder. */
    public CheckContext(String partId, Submission submission, Path rubricDir, Supplier<Sandbox> sandbox) {
        this(partId, submission, rubricDir, null, sandbox);
    }

    /**
     * The student's answer to this part.
     *
     * @throws io.tensorgrade.grader.submission.AnswerUnavailableException when there is none; the
     *         engine turns it into a zero with the message, so checks usually let it propagate
     */
    public Answer answer() {
        return submission.answer(partId);
    }
}
