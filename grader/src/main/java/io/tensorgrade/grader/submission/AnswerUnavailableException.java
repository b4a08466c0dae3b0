package io.tensorgrade.grader.submission;

import io.tensorgrade.grader.GraderException;

/**
 * A part has no usable answer: the entry is missing or empty, or the answers file could not be
 * read. The part gets zero with this message; the other parts are still graded.
 */
public final class AnswerUnavailableException extends GraderException {
    private static final long serialVersionUID = 1L;

    public AnswerUnavailableException(String message) {
        super(message);
    }
}
