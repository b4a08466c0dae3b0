package io.tensorgrade.grader.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a sandbox run produced. Every step of the job has exactly one outcome, in job order.
 *
 * @param sandbox   "docker" or "process"
 * @param isolation what that sandbox isolates, in one sentence (the process sandbox says it is less)
 * @param status    whether every step ran
 * @param reason    why not, when the status is not COMPLETED
 * @param calls     one outcome per step
 * @param findings  the static forbidden-API scan
 * @param stdout    the first {@link Limits#logBytes()} of what the student's code printed
 * @param stderr    the same for standard error
 * @param wall      wall-clock time of the whole run, start to results
 * @param notes     anything else worth knowing (restarts, unexpected files)
 */
public record SandboxResult(String sandbox, String isolation, JobStatus status, String reason,
                            List<CallOutcome> calls, List<ApiFinding> findings, String stdout, String stderr,
                            Duration wall, List<String> notes) {
    public SandboxResult {
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        calls = List.copyOf(calls);
        findings = List.copyOf(findings);
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        Objects.requireNonNull(wall, "wall");
        notes = List.copyOf(notes);
    }

    /** The outcome of the step with this id. */
    public CallOutcome call(String id) {
        return calls.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step with id '" + id + "' in this result"));
    }

    /** Whether the scan or the runtime guard saw a forbidden API (or could not rule one out). */
    public boolean forbiddenApiSeen() {
        return !findings.isEmpty() || calls.stream().anyMatch(c -> c.status() == CallStatus.FORBIDDEN);
    }

    /** How a run ended as a whole. */
    public enum JobStatus {
        /** Every step has an outcome from the harness. */
        COMPLETED,
        /** Some steps did not run (the job's time limit, a harness that kept dying). */
        INCOMPLETE,
        /** The sandbox itself failed (no container, no Python); no student code ran. */
        SANDBOX_FAILED
    }
}
