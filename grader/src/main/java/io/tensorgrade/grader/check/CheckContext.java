package io.tensorgrade.grader.check;

import io.tensorgrade.grader.submission.Answer;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a check sees while grading: the part's id, the submission and the rubric's folder.
 *
 * @param rubricDir the folder of the rubric file, for data files the rubric names
 */
public record CheckContext(String partId, Submission submission, Path rubricDir) {

    public CheckContext {
        Objects.requireNonNull(partId, "partId");
        Objects.requireNonNull(submission, "submission");
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
