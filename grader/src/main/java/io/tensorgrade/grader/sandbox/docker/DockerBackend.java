package io.tensorgrade.grader.sandbox.docker;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.sandbox.Limits;
import io.tensorgrade.grader.sandbox.wire.Backend;
import io.tensorgrade.grader.sandbox.wire.ExecResult;
import io.tensorgrade.grader.sandbox.wire.JobRunner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;

/**
 * One container per job (see {@link SandboxContainers} for its limits), then one
 * {@code docker exec} does the rest: unpack the job from stdin, scan as the student user, run the
 * runner, kill what is left, and stream back a tar of the results. Student code runs as uid 10001
 * without capabilities, so it can neither signal the runner nor touch the job, the scan or the
 * results. The image is never pulled.
 */
final class DockerBackend implements Backend {
    static final String STUDENT = SandboxContainers.STUDENT;
    static final String HARNESS = "/opt/tensorgrade/harness/";
    private static final String ROOT = SandboxContainers.ROOT;
    private static final long LOG_CAP = 64 * 1024;

    private final Limits limits;
    private final ContainerPool pool;
    private final String image;
    private GenericContainer<?> container;
    private DockerExec exec;
    private Path work;
    private boolean uploaded;

    /** A backend on a container from {@code pool}, or a new one of {@code image} when pool is null. */
    DockerBackend(String image, ContainerPool pool, Limits limits) {
        this.image = image;
        this.pool = pool;
        this.limits = limits;
    }

    @Override
    public void prepare(Path work) {
        this.work = work;
        container = pool != null ? pool.take(limits) : SandboxContainers.start(image, limits);
        exec = new DockerExec(container.getDockerClient(), container.getContainerId());
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
            s.append("timeout -s KILL ").append(SCAN_TIMEOUT.toSeconds())
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
        SandboxContainers.removeLater(container);
    }
}
