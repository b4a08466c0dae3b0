package io.tensorgrade.grader.sandbox;

/** How one step ended. */
public enum CallStatus {
    /** The function returned; its values may still be {@link ReturnedValue.Invalid} one by one. */
    OK,
    /** The function raised an exception (message: the traceback, trimmed to the student's files). */
    ERROR,
    /** The step ran past its time limit and its process was killed. */
    TIMEOUT,
    /** The process running the step died: a memory or CPU limit, os._exit, a signal, a flood of output. */
    CRASHED,
    /** The step called a forbidden API (caught by the runtime guard). */
    FORBIDDEN,
    /** The function returned something of the wrong shape (e.g. one value where a tuple was expected). */
    BAD_OUTPUT,
    /** Not run because a step it depends on did not end OK. */
    SKIPPED,
    /** Not run because the job stopped first (time limit, sandbox failure); the message says which. */
    NOT_RUN;

    public static CallStatus fromWire(String s) {
        return switch (s) {
            case "ok" -> OK;
            case "error" -> ERROR;
            case "timeout" -> TIMEOUT;
            case "crashed" -> CRASHED;
            case "forbidden" -> FORBIDDEN;
            case "bad_output" -> BAD_OUTPUT;
            case "skipped" -> SKIPPED;
            default -> null;
        };
    }
}
