package io.tensorgrade.grader.submission;

import io.tensorgrade.grader.GraderException;

/**
 * A part has no usable answer: the entry is missing or empty, or the answers file could not be
 * read. The part gets zero with this message; the other parts are still graded.
 */
public final class AnswerUnavailableException extends GraderException {
    private static final long serialVersionUID = 1L;

    private final boolean unreadable;

    /** The answer is missing or empty. */
    public AnswerUnavailableException(String message) {
        this(message, false);
    }

    /** The answer is missing ({@code unreadable} false) or there but unreadable (a broken entry or file). */
    public AnswerUnavailableException(String message, boolean unreadable) {
        super(message);
        this.unreadable = unreadable;
    }

    /** Whether the answer is there but could not be read (status unreadable rather than failed). */
    public boolean unreadable() {
        return unreadable;
    }
}
