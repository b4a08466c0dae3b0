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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One container per job: started once (no network, read-only root, tmpfs for /tmp and /work,
 * memory = memory+swap, CPU quota, pids limit, all capabilities dropped but the three the runner
 * needs to start the worker as {@code student} and to kill it, no-new-privileges), then one
 * {@code docker exec} does the rest: unpack the job from stdin, scan as the student user, run the
 * runner, kill what is left, and stream back a tar of the results. Student code runs as uid 10001
 * without capabilities, so it can neither signal the runner nor touch the job, the scan or the
 * results. The image is never pulled.
 */
final class DockerBackend implements Backend {
    static final String STUDENT = "10001";
    static final String HARNESS = "/opt/tensorgrade/harness/";
    /** Job, scan and results: a root-owned tmpfs of its own, so student code can neither write nor fill it. */
    private static final String ROOT = "/tg";
    private static final long LOG_CAP = 64 * 1024;
    /** Containers are removed off the caller's thread: the results are already out by then. */
    private static final ExecutorService REMOVER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tensorgrade-container-remover");
        t.setDaemon(true);
        return t;
    });

    private final String image;
    private final Limits limits;
    private GenericContainer<?> container;
    private DockerExec exec;
    private Path work;
    private boolean uploaded;

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
    }

    private void restrict(CreateContainerCmd cmd) {
        long memory = limits.memoryBytes();
        long tg = Math.max(64L << 20, memory / 4);
        HostConfig hc = cmd.getHostConfig();
        hc.withMemory(memory).withMemorySwap(memory)
                .withCpuPeriod(100_000L).withCpuQuota((long) (limits.cpus() * 100_000))
                .withPidsLimit((long) limits.pids())
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of(
                        ROOT, "rw,nosuid,nodev,noexec,size=" + tg + ",mode=0755",
                        "/tmp", "rw,nosuid,nodev,noexec,size=" + limits.scratchBytes() + ",mode=1777",
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
    public Run run(boolean scan, Duration timeout, Path out) {
        byte[] tar = uploaded ? new byte[0] : packJob();
        Path fetched = work.resolve("fetched");
        Path archive = work.resolve("fetched.tar");
        ExecResult r;
        try (OutputStream o = Files.newOutputStream(archive)) {
            r = exec.run("0", new String[]{"sh", "-c", script(tar.length, scan)},
                    tar.length > 0 ? new ByteArrayInputStream(tar) : null, o, LOG_CAP, timeout, this::killAll);
        } catch (IOException e) {
            throw new GraderException("cannot write " + archive + ": " + e.getMessage(), e);
        }
        uploaded = true;
        if (r.timedOut()) {
            fetchAfterKill(archive);
        }
        unpack(archive, fetched);
        moveOut(fetched.resolve("out"), out);
        ExecResult scanned = scan ? readScan(fetched.resolve("scan")) : null;
        String runnerErr = readSmall(fetched.resolve("runner.err"), LOG_CAP);
        int code = parseCode(readSmall(fetched.resolve("runner.rc"), 32));
        return new Run(scanned, new ExecResult(r.timedOut() ? -1 : code, r.timedOut(), "", runnerErr));
    }

    /** The shell script of one run; every student-facing path is root-owned except /work. */
    private static String script(int tarBytes, boolean scan) {
        // Results and scan: root only (student code may not even read them); the job: readable.
        StringBuilder s = new StringBuilder("umask 022; mkdir -p " + ROOT + "/job " + ROOT + "/out " + ROOT
                + "/scan && chmod 700 " + ROOT + "/out " + ROOT + "/scan; ");
        if (tarBytes > 0) {
            // docker-java cannot half-close an exec's stdin, so tar would wait for an end that never
            // comes: head passes on exactly the archive's bytes and then ends tar's input.
            s.append("head -c ").append(tarBytes).append(" | tar -x --no-same-owner --no-same-permissions -C ")
                    .append(ROOT).append("/job || exit 97; ");
        }
        if (scan) {
            s.append("timeout -s KILL ").append(ProcessBackend.SCAN_TIMEOUT.toSeconds())
                    .append(" setpriv --reuid=" + STUDENT + " --regid=" + STUDENT + " --clear-groups ")
                    .append("python3 -I -B " + HARNESS + "scan.py " + ROOT + "/job >" + ROOT + "/scan/stdout 2>")
                    .append(ROOT).append("/scan/stderr; echo $? >").append(ROOT).append("/scan/rc; ");
        }
        s.append("python3 -I -B " + HARNESS + "runner.py " + ROOT + "/job " + ROOT + "/out /work --worker-uid "
                + STUDENT + " 2>" + ROOT + "/runner.err; echo $? >" + ROOT + "/runner.rc; ");
        s.append("kill -9 -1 2>/dev/null; tar -c -C " + ROOT + " out scan runner.rc runner.err");
        return s.toString();
    }

    private byte[] packJob() {
        try {
            return TarFiles.pack(work.resolve("job"));
        } catch (IOException e) {
            throw new GraderException("cannot pack the job folder " + work.resolve("job") + ": " + e.getMessage(), e);
        }
    }

    /** After a timeout the streamed tar is cut short: take a fresh one of whatever was written. */
    private void fetchAfterKill(Path archive) {
        try (OutputStream o = Files.newOutputStream(archive)) {
            exec.run("0", new String[]{"tar", "-c", "-C", ROOT, "out", "scan"}, null, o, LOG_CAP,
                    Duration.ofSeconds(60), () -> { });
        } catch (IOException | RuntimeException e) {
            throw new GraderException("copying the results out of the container failed: " + e.getMessage(), e);
        }
    }

    private void unpack(Path archive, Path into) {
        JobRunner.deleteTree(into);
        try (InputStream in = Files.newInputStream(archive)) {
            TarFiles.unpack(in, into, limits.resultBytes() + (1 << 20), 1L << 30);
        } catch (IOException e) {
            throw new GraderException("cannot unpack the results into " + into + ": " + e.getMessage(), e);
        }
    }

    private static void moveOut(Path from, Path to) {
        JobRunner.deleteTree(to);
        try {
            if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(from, to);
            } else {
                Files.createDirectories(to);
            }
        } catch (IOException e) {
            throw new GraderException("cannot move the results to " + to + ": " + e.getMessage(), e);
        }
    }

    private static ExecResult readScan(Path dir) {
        String rc = readSmall(dir.resolve("rc"), 32);
        return new ExecResult(parseCode(rc), rc.strip().equals("137"), readSmall(dir.resolve("stdout"), 1 << 20),
                readSmall(dir.resolve("stderr"), LOG_CAP));
    }

    private static String readSmall(Path p, long cap) {
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readNBytes((int) cap), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static int parseCode(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
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
        GenericContainer<?> c = container;
        if (c != null) {
            REMOVER.execute(() -> {
                try {
                    c.stop();
                } catch (RuntimeException ignored) {
                    // auto-remove may have removed it first
                }
            });
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
