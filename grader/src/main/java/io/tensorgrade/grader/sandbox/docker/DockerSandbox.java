package io.tensorgrade.grader.sandbox.docker;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.SandboxResult;
import io.tensorgrade.grader.sandbox.ScriptJob;
import io.tensorgrade.grader.sandbox.ScriptResult;
import io.tensorgrade.grader.sandbox.wire.JobRunner;

/**
 * Runs each job in its own container of the locally built sandbox image, through Testcontainers:
 * no network, memory/CPU/pids limits, read-only root, size-capped tmpfs, all capabilities dropped
 * for student code, non-root user, wall-clock timeouts, capped output. The image is never pulled.
 */
public final class DockerSandbox implements Sandbox {
    private final String image;
    private final ContainerPool pool;

    private DockerSandbox(String image, ContainerPool pool) {
        this.image = image;
        this.pool = pool;
    }

    /**
     * A Docker sandbox on {@code image}; checks that a daemon answers and that the image exists and
     * carries this grader's harness, and says how to fix it when not.
     */
    public static DockerSandbox create(String image) {
        String problem = SandboxImage.problem(image);
        if (problem != null) {
            throw new GraderException(problem);
        }
        return new DockerSandbox(image, null);
    }

    /**
     * This sandbox keeping {@code spares} containers started ahead for the next jobs with the same
     * limits (for batches: a job then waits for no container start). Each container still runs one job.
     */
    public DockerSandbox prestarting(int spares) {
        if (spares < 1 || spares > 16) {
            throw new IllegalArgumentException("prestarting: spares=" + spares + " must be between 1 and 16");
        }
        return new DockerSandbox(image, new ContainerPool(image, spares));
    }

    /** A Docker sandbox on {@link SandboxImage#defaultTag()}. */
    public static DockerSandbox create() {
        return create(SandboxImage.defaultTag());
    }

    /** The image it runs. */
    public String image() {
        return image;
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String isolation() {
        return "Docker container per submission (" + image + "): no network, read-only root, memory, CPU and "
                + "process limits, size-capped tmpfs, no capabilities, non-root user, wall-clock timeouts.";
    }

    /** Removes the pre-started containers, if any (they are also removed when the JVM exits). */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /** Removes the spares and every container this JVM started, running jobs' too. */
    @Override
    public void abort() {
        close();
        SandboxContainers.removeAll();
    }

    /** A container of its own per script, the data folder mounted read-only (see {@link DockerScriptRunner}). */
    @Override
    public ScriptResult runScript(ScriptJob job) {
        return DockerScriptRunner.run(job, image, name(), isolation());
    }

    /** Whether the daemon has the NVIDIA runtime, so that a device request gives a container the GPUs. */
    @Override
    public boolean gpu() {
        return DockerGpu.available();
    }

    @Override
    public SandboxResult run(SandboxJob job) {
        return JobRunner.run(job, name(), isolation(), () -> new DockerBackend(image, pool, job.limits()));
    }
}
