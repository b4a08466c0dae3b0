package io.tensorgrade.grader.check;

import io.tensorgrade.grader.GraderException;

/**
 * An answer that cannot be read in the expected form ({@code 'seven'} for an integer). The part
 * gets zero and the message, which says what form was expected.
 */
public final class AnswerFormatException extends GraderException {
    private static final long serialVersionUID = 1L;

    public AnswerFormatException(String message) {
        super(message);
    }
}
