package io.tensorgrade.grader;

/**
 * The root of tensorgrade's own failures: a bad rubric, a missing file, a sandbox that died.
 * The message is one sentence meant for the user; it names the file and the field.
 */
public class GraderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GraderException(String message) {
        super(message);
    }

    public GraderException(String message, Throwable cause) {
        super(message, cause);
    }
}
