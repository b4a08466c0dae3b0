package io.tensorgrade.grader.sandbox;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import io.tensorgrade.grader.GraderException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One container per job: started once (no network, read-only root, tmpfs for /tmp and /work,
 * memory = memory+swap, CPU quota, pids limit, all capabilities dropped but the three the runner
 * needs to start the worker as {@code student} and to kill it, no-new-privileges), then every
 * harness step is a {@code docker exec}. Student code runs as uid 10001 without capabilities, so it
 * can neither signal the runner nor touch the job or the results. The image is never pulled.
 */
final class DockerBackend implements Backend {
    static final String STUDENT = "10001";
    static final String HARNESS = "/opt/tensorgrade/harness/";
    private static final String JOB = "/tmp/tg/job";
    private static final String OUT = "/tmp/tg/out";
    private static final long LOG_CAP = 64 * 1024;

    private final String image;
    private final Limits limits;
    private GenericContainer<?> container;
    private DockerExec exec;
    private Path work;

    DockerBackend(String image, Limits limits) {
        this.image = image;
        this.limits = limits;
    }

    @Override
    public void prepare(Path work) {
        this.work = work;
        TestcontainersSetup.ensure();
        container = new GenericContainer<>(DockerImageName.parse(image))
                .withImagePullPolicy(name -> false)
                .withCommand("sleep", String.valueOf(limits.jobTimeout().toSeconds() + 120))
                .withNetworkMode("none")
                .withStartupAttempts(1)
                .withStartupTimeout(Duration.ofSeconds(60))
                .withLabel("io.tensorgrade.sandbox", "job")
                .withCreateContainerCmdModifier(this::restrict);
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new GraderException("the sandbox container (image " + image + ") did not start: "
                    + rootMessage(e) + "; is the image built (tensorgrade sandbox build)?", e);
        }
        exec = new DockerExec(container.getDockerClient(), container.getContainerId());
        byte[] tar;
        try {
            tar = TarFiles.pack(work.resolve("job"));
        } catch (IOException e) {
            throw new GraderException("cannot pack the job folder " + work.resolve("job") + ": " + e.getMessage(), e);
        }
        // docker-java cannot half-close an exec's stdin, so tar would wait for an end that never comes:
        // head passes on exactly the archive's bytes and then ends tar's input.
        ExecResult r = exec.run("0", new String[]{"sh", "-c", "umask 022 && mkdir -p " + JOB + " " + OUT
                        + " && head -c " + tar.length + " | tar -x --no-same-owner --no-same-permissions -C " + JOB},
                new ByteArrayInputStream(tar), null, LOG_CAP, Duration.ofSeconds(60), this::killAll);
        if (r.exitCode() != 0) {
            throw new GraderException("copying the job into the container failed: " + r.describe());
        }
    }

    private void restrict(CreateContainerCmd cmd) {
        long memory = limits.memoryBytes();
        long tmp = Math.max(64L << 20, memory / 4);
        HostConfig hc = cmd.getHostConfig();
        hc.withMemory(memory).withMemorySwap(memory)
                .withCpuPeriod(100_000L).withCpuQuota((long) (limits.cpus() * 100_000))
                .withPidsLimit((long) limits.pids())
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of(
                        "/tmp", "rw,nosuid,nodev,noexec,size=" + tmp,
                        "/work", "rw,nosuid,nodev,size=" + limits.scratchBytes() + ",uid=" + STUDENT
                                + ",gid=" + STUDENT + ",mode=0700"))
                .withCapDrop(Capability.ALL)
                .withCapAdd(Capability.SETUID, Capability.SETGID, Capability.KILL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withUlimits(List.of(new Ulimit("nofile", (long) limits.openFiles(), (long) limits.openFiles()),
                        new Ulimit("core", 0L, 0L)))
                .withAutoRemove(true);
        // The container's own user is root with only SETUID, SETGID and KILL: Docker gives execs of a
        // non-root container no capabilities at all, and the runner needs these three to run student
        // code as uid 10001 (which has none) and to kill it. Student code never runs as root.
        cmd.withUser("0:0").withWorkingDir("/work");
    }

    @Override
    public ExecResult scan(Duration timeout) {
        return exec.run(STUDENT, new String[]{"python3", "-I", "-B", HARNESS + "scan.py", JOB}, null, null,
                LOG_CAP, timeout, this::killAll);
    }

    @Override
    public ExecResult runHarness(Duration timeout) {
        ExecResult r = exec.run("0", new String[]{"python3", "-I", "-B", HARNESS + "runner.py", JOB, OUT, "/work",
                "--worker-uid", STUDENT}, null, null, LOG_CAP, timeout, this::killAll);
        killAll();
        return r;
    }

    @Override
    public void fetch(Path out) {
        Path tar = work.resolve("out.tar");
        try {
            JobRunner.deleteTree(out);
            try (OutputStream o = Files.newOutputStream(tar)) {
                ExecResult r = exec.run("0", new String[]{"tar", "-c", "-C", OUT, "."}, null, o, LOG_CAP,
                        Duration.ofSeconds(120), this::killAll);
                if (r.exitCode() != 0) {
                    throw new GraderException("copying the results out of the container failed: " + r.describe());
                }
            }
            try (InputStream in = Files.newInputStream(tar)) {
                TarFiles.unpack(in, out, limits.resultBytes() + (1 << 20), 1L << 30);
            }
        } catch (IOException e) {
            throw new GraderException("cannot unpack the results into " + out + ": " + e.getMessage(), e);
        }
    }

    /** Kills every process in the container but its main one (root holds CAP_KILL, student code does not). */
    private void killAll() {
        try {
            exec.run("0", new String[]{"sh", "-c", "kill -9 -1; true"}, null, null, LOG_CAP, Duration.ofSeconds(20),
                    () -> { });
        } catch (RuntimeException ignored) {
            // the container may be gone already; close() removes it
        }
    }

    @Override
    public void close() {
        if (container != null) {
            try {
                container.stop();
            } catch (RuntimeException ignored) {
                // auto-remove may have removed it first
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
