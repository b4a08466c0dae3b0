package io.tensorgrade.grader.check;

import io.tensorgrade.grader.submission.Answer;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a check sees while grading: the part's id, the submission, the rubric's folder and where the
 * course's data sets are mounted.
 *
 * @param rubricDir the folder of the rubric file, for data files the rubric names
 * @param dataDir   the folder given with {@code --data} (or {@code TENSORGRADE_DATA}) where the real data
 *                  sets are mounted; null when none was given, and data paths are resolved against
 *                  {@code rubricDir}
 */
public record CheckContext(String partId, Submission submission, Path rubricDir, Path dataDir) {

    public CheckContext {
        Objects.requireNonNull(partId, "partId");
        Objects.requireNonNull(submission, "submission");
    }

    /** A context without a data folder. */
    public CheckContext(String partId, Submission submission, Path rubricDir) {
        this(partId, submission, rubricDir, null);
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
