package io.tensorgrade.grader.sandbox.docker;

import io.tensorgrade.grader.sandbox.ScriptJob;
import io.tensorgrade.grader.sandbox.ScriptResult;
import io.tensorgrade.grader.sandbox.wire.ExecResult;
import io.tensorgrade.grader.sandbox.wire.JobRunner;
import io.tensorgrade.grader.sandbox.wire.Permissions;
import io.tensorgrade.grader.sandbox.wire.ScriptFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;

/**
 * Runs a {@link ScriptJob} in a container of its own (not a pre-started one: the data folder is a bind
 * mount, read-only at /data): the code is unpacked into the root-owned /tg/code, the script runs as uid
 * 10001 in /work/out with the budget as the exec's wall-clock limit, every process is killed, and the
 * output folder comes back as a tar, read as untrusted.
 */
final class DockerScriptRunner {
    private static final String CODE = SandboxContainers.ROOT + "/code";
    private static final String OUT = "/work/out";

    private DockerScriptRunner() {
    }

    static ScriptResult run(ScriptJob job, String image, String name, String isolation) {
        long start = System.nanoTime();
        Path work = null;
        GenericContainer<?> container = null;
        try {
            work = Files.createTempDirectory("tensorgrade-script-");
            Permissions.traversable(work);
            Path code = work.resolve("code");
            Path data = work.resolve("data");
            ScriptFiles.copyCode(job.code(), code, ScriptJob.MAX_CODE_BYTES);
            ScriptFiles.stageData(job.data(), data, true);
            byte[] tar = TarFiles.pack(code);
            container = SandboxContainers.start(image, job.limits(), data, job.gpu());
            DockerExec exec = new DockerExec(container.getDockerClient(), container.getContainerId());
            Runnable killAll = () -> killAll(exec);
            long before = System.nanoTime();
            ExecResult r = exec.run("0", new String[] {"sh", "-c", script(job, tar.length)},
                    new ByteArrayInputStream(tar), null, job.limits().logBytes(), job.limits().jobTimeout(), killAll);
            Duration wall = Duration.ofNanos(System.nanoTime() - before);
            killAll.run();
            List<String> notes = new ArrayList<>();
            Path fetched = work.resolve("fetched");
            Path archive = work.resolve("fetched.tar");
            try (OutputStream o = Files.newOutputStream(archive)) {
                exec.run(SandboxContainers.STUDENT, new String[] {"tar", "-c", "-C", "/work", "out"}, null, o, 64 * 1024,
                        Duration.ofSeconds(120), () -> { });
            }
            try (InputStream in = Files.newInputStream(archive)) {
                TarFiles.unpack(in, fetched, job.maxOutputBytes(), 4 * job.maxOutputBytes() + (64L << 20))
                        .forEach(d -> notes.add("output " + d + " was not collected"));
            }
            Map<String, Path> outputs = ScriptFiles.collect(fetched.resolve("out"), job.collectInto(),
                    job.maxOutputBytes(), notes);
            ScriptResult.Outcome outcome = r.timedOut() ? ScriptResult.Outcome.TIMED_OUT
                    : r.exitCode() == 0 ? ScriptResult.Outcome.FINISHED : ScriptResult.Outcome.FAILED;
            String reason = switch (outcome) {
                case TIMED_OUT -> "it was still running after its budget of " + job.limits().jobTimeout().toSeconds()
                        + " s and was stopped";
                case FAILED -> r.exitCode() == 97 ? "the sandbox could not unpack the submission"
                        : ScriptFiles.exitReason(r.exitCode(), r.stderr());
                default -> "";
            };
            Duration overhead = Duration.ofNanos(System.nanoTime() - start).minus(wall);
            return new ScriptResult(name, isolation, outcome, r.timedOut() ? -1 : r.exitCode(), reason, r.stdout(),
                    r.stderr(), outputs, wall, overhead, job.gpu(), notes);
        } catch (IOException | RuntimeException e) {
            return ScriptResult.failed(name, isolation, "the " + name + " sandbox could not run the script: "
                    + SandboxContainers.rootMessage(e), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            SandboxContainers.removeLater(container);
            if (work != null && Permissions.POSIX) {
                try {
                    Files.setPosixFilePermissions(work.resolve("data"),
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                } catch (IOException ignored) {
                    // not staged yet
                }
            }
            JobRunner.deleteTree(work);
        }
    }

    /** Unpack the code as root, then run the script as the student user with a clean environment. */
    private static String script(ScriptJob job, int tarBytes) {
        String device = job.gpu() ? "cuda" : "cpu";
        StringBuilder env = new StringBuilder("PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 HOME=/work TMPDIR=/tmp");
        job.env(SandboxContainers.DATA, OUT).forEach((k, v) -> env.append(' ').append(k).append('=').append(quote(v)));
        StringBuilder args = new StringBuilder();
        for (String a : job.argsFor(SandboxContainers.DATA, OUT, device)) {
            args.append(' ').append(quote(a));
        }
        // As in DockerBackend: head ends tar's input after exactly the archive (stdin is never half-closed).
        return "umask 022; mkdir -p " + CODE + " && head -c " + tarBytes + " | tar -x --no-same-owner "
                + "--no-same-permissions -C " + CODE + " || exit 97; "
                + "exec setpriv --reuid=" + SandboxContainers.STUDENT + " --regid=" + SandboxContainers.STUDENT
                + " --clear-groups env -i " + env + " sh -c " + quote("mkdir -p " + OUT + " && cd " + OUT
                + " && exec python3 -B -s " + quote(CODE + "/" + job.script()) + args);
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static void killAll(DockerExec exec) {
        try {
            exec.run("0", new String[] {"sh", "-c", "kill -9 -1; true"}, null, null, 1024, Duration.ofSeconds(20),
                    () -> { });
        } catch (RuntimeException ignored) {
            // the container may be gone already; it is removed afterwards
        }
    }
}
