package io.tensorgrade.grader.sandbox.wire;

/**
 * How one harness process ended: exit code (-1 when killed on timeout), capped stdout and stderr.
 */
public record ExecResult(int exitCode, boolean timedOut, String stdout, String stderr) {
    public ExecResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    /** A short description for notes and reasons. */
    String describe() {
        if (timedOut) {
            return "it ran out of time";
        }
        String err = stderr.isBlank() ? "" : ": " + ScanReader.lastLine(stderr);
        return "it exited with code " + exitCode + err;
    }
}
