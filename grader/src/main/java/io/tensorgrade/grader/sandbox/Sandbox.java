package io.tensorgrade.grader.sandbox;

/**
 * Runs a student's code outside the grader's JVM, one job (one submission) at a time per call.
 * Implementations are thread-safe: a batch may run several jobs at once. Closing releases what the
 * sandbox holds between jobs (the Docker sandbox's pre-started containers); nothing by default.
 */
public interface Sandbox extends AutoCloseable {
    /** "docker" or "process". */
    String name();

    /** What this sandbox isolates, in one sentence for reports and logs. */
    String isolation();

    /**
     * Runs every step of the job and returns one outcome per step. Student failures (exceptions,
     * timeouts, crashes, forbidden APIs) are outcomes, never exceptions; a sandbox that cannot run at
     * all gives {@link SandboxResult.JobStatus#SANDBOX_FAILED} with the reason.
     */
    SandboxResult run(SandboxJob job);

    /**
     * Runs a script (a training run) with its budget; the files it writes come back into
     * {@link ScriptJob#collectInto()}. Like {@link #run}, student failures are outcomes, never exceptions.
     */
    default ScriptResult runScript(ScriptJob job) {
        return ScriptResult.failed(name(), isolation(), "the " + name() + " sandbox cannot run scripts",
                java.time.Duration.ZERO);
    }

    /** Whether {@link #runScript} can give a job a GPU here. */
    default boolean gpu() {
        return false;
    }

    /**
     * Stops every job running now and removes what the sandbox started (containers), for a run being
     * cancelled: the jobs come back failed. Never throws. The process sandbox's jobs stop when their thread is
     * interrupted, so it does nothing here.
     */
    default void abort() {
    }

    /** Releases what the sandbox holds between jobs; never throws. */
    @Override
    default void close() {
    }
}
