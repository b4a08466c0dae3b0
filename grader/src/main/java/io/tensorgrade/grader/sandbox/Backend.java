package io.tensorgrade.grader.sandbox;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the harness runs for one job: a container or a local process tree. {@link JobRunner} drives
 * it; the job folder is already written under {@code work/job} when {@link #prepare} is called.
 */
interface Backend extends AutoCloseable {
    /** Makes the job folder visible to the harness (copy into a container, set owners). */
    void prepare(Path work);

    /** Runs scan.py on the job; student code has not run yet. */
    ExecResult scan(Duration timeout);

    /** Runs (or resumes) runner.py until it ends or {@code timeout} passes, then stops everything it started. */
    ExecResult runHarness(Duration timeout);

    /** Makes the harness's output folder available on this machine at {@code out}. */
    void fetch(Path out);

    @Override
    void close();
}
