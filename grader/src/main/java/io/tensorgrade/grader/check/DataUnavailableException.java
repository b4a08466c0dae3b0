package io.tensorgrade.grader.check;

import io.tensorgrade.grader.GraderException;

/**
 * A data set or data file the rubric names cannot be found or read: a grader (rubric or mount) problem, never
 * the student's fault. Checks turn it into an error verdict that says so.
 */
public final class DataUnavailableException extends GraderException {
    private static final long serialVersionUID = 1L;

    public DataUnavailableException(String message) {
        super(message);
    }
}
