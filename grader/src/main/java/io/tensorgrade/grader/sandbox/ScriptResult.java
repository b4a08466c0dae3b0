package io.tensorgrade.grader.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link ScriptJob} went.
 *
 * @param sandbox   "docker" or "process"
 * @param isolation what that sandbox isolates, one sentence
 * @param outcome   how the script ended
 * @param exitCode  its exit code; -1 when killed or not run
 * @param reason    why it did not finish normally; empty when it did
 * @param stdout    the first {@link Limits#logBytes()} of its standard output (for the staff)
 * @param stderr    the same for standard error
 * @param outputs   the files it wrote, by name, now in {@link ScriptJob#collectInto()}
 * @param wall      the script's own wall-clock time (container start and copies not included)
 * @param overhead  everything else: staging, container start, copying in and out
 * @param gpu       whether it ran with a GPU
 * @param notes     files that did not come back and why, and the like
 */
public record ScriptResult(String sandbox, String isolation, Outcome outcome, int exitCode, String reason,
                           String stdout, String stderr, Map<String, Path> outputs, Duration wall,
                           Duration overhead, boolean gpu, List<String> notes) {
    public ScriptResult {
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(overhead, "overhead");
        notes = List.copyOf(notes);
    }

    /** A run that never started. */
    public static ScriptResult failed(String sandbox, String isolation, String reason, Duration overhead) {
        return new ScriptResult(sandbox, isolation, Outcome.SANDBOX_FAILED, -1, reason, "", "", Map.of(),
                Duration.ZERO, overhead, false, List.of());
    }

    /** How the script ended. */
    public enum Outcome {
        /** It exited with code 0. */
        FINISHED,
        /** It exited with another code or was killed by a limit other than the budget. */
        FAILED,
        /** It was still running when the budget ran out and was killed. */
        TIMED_OUT,
        /** The sandbox could not run it; not the student's fault. */
        SANDBOX_FAILED
    }
}
