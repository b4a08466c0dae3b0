package io.tensorgrade.grader.sandbox.wire;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the harness runs for one job: a container or a local process tree. {@link JobRunner} drives
 * it; the job folder is already written under {@code work/job} when {@link #prepare} is called.
 */
public interface Backend extends AutoCloseable {
    /** How long the forbidden-API scan of a job may take. */
    Duration SCAN_TIMEOUT = Duration.ofSeconds(30);

    /** Starts the sandbox (a container, the scratch folder). */
    void prepare(Path work);

    /**
     * Runs the forbidden-API scan first when {@code scan} (as its own process, before any student
     * code), then the runner (which resumes after the last written result), stops everything it
     * started, and leaves the runner's output folder at {@code out} on this machine.
     */
    Run run(boolean scan, Duration timeout, Path out);

    @Override
    void close();

    /**
     * How a run went.
     *
     * @param scan    the scanner's exit, stdout and stderr, or null when not scanned
     * @param harness the runner's exit and stderr
     */
    record Run(ExecResult scan, ExecResult harness) {
    }
}
