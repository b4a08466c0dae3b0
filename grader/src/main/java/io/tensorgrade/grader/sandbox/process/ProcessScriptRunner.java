package io.tensorgrade.grader.sandbox.process;

import io.tensorgrade.grader.sandbox.ScriptJob;
import io.tensorgrade.grader.sandbox.ScriptResult;
import io.tensorgrade.grader.sandbox.wire.CappedSink;
import io.tensorgrade.grader.sandbox.wire.JobRunner;
import io.tensorgrade.grader.sandbox.wire.Permissions;
import io.tensorgrade.grader.sandbox.wire.ScriptFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a {@link ScriptJob} as a local process: rlimits, bubblewrap when it works here (then only the copied
 * code, the staged data and the output folder are visible besides the system's read-only folders, and no
 * network), uid nobody when the grader is root, a scrubbed environment, the budget as a wall-clock limit
 * that kills the whole process tree.
 */
public final class ProcessScriptRunner {
    private static final List<String> GPU_DEVICES = List.of("/dev/nvidiactl", "/dev/nvidia-uvm",
            "/dev/nvidia-uvm-tools", "/dev/nvidia-modeset", "/dev/nvidia0", "/dev/nvidia1", "/dev/nvidia2",
            "/dev/nvidia3", "/dev/nvidia4", "/dev/nvidia5", "/dev/nvidia6", "/dev/nvidia7");

    private ProcessScriptRunner() {
    }

    /** Whether this machine has an NVIDIA GPU the process can open (its device nodes exist). */
    static boolean gpuPresent() {
        return Files.exists(Path.of("/dev/nvidiactl")) && Files.exists(Path.of("/dev/nvidia0"));
    }

    static ScriptResult run(ScriptJob job, ProcessTools tools, String name, String isolation) {
        long start = System.nanoTime();
        Path work = null;
        try {
            work = Files.createTempDirectory("tensorgrade-script-");
            Permissions.traversable(work);
            Path code = work.resolve("code");
            Path data = work.resolve("data");
            Path out = work.resolve("out");
            Path home = work.resolve("home");
            ScriptFiles.copyCode(job.code(), code, ScriptJob.MAX_CODE_BYTES);
            // Hard links only where bubblewrap mounts them read-only: without it the script could write
            // through a link into the course's own copy of the data.
            ScriptFiles.stageData(job.data(), data, tools.bwrap() != null);
            Files.createDirectories(out);
            Files.createDirectories(home);
            if (tools.root()) {
                Permissions.giveTo(out, ProcessTools.NOBODY);
                Permissions.giveTo(home, ProcessTools.NOBODY);
            }
            List<String> notes = new ArrayList<>();
            if (tools.bwrap() == null) {
                notes.add("no bubblewrap here: the script could read any file this user can, the test data"
                        + " included, and use the network");
            }
            String device = job.gpu() ? "cuda" : "cpu";
            List<String> pyArgs = new ArrayList<>(List.of("-B", "-s", code.resolve(job.script()).toString()));
            pyArgs.addAll(job.argsFor(data.toString(), out.toString(), device));
            ProcessCommand command = new ProcessCommand(tools, job.limits());
            List<String> cmd = command.build(List.of(code, data), List.of(out, home), home, out,
                    job.gpu() ? GPU_DEVICES : List.of(), pyArgs, true);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(out.toFile());
            Map<String, String> env = pb.environment();
            env.clear();
            env.putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8", "HOME", home.toString(),
                    "TMPDIR", home.toString()));
            env.putAll(job.env(data.toString(), out.toString()));
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            CappedSink stdout = new CappedSink(job.limits().logBytes());
            CappedSink stderr = new CappedSink(job.limits().logBytes());
            long before = System.nanoTime();
            Process p = pb.start();
            Thread t1 = stdout.drain(p.getInputStream(), "script-stdout");
            Thread t2 = stderr.drain(p.getErrorStream(), "script-stderr");
            boolean finished;
            try {
                finished = p.waitFor(job.limits().jobTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            } finally {
                ProcessTree.kill(p.toHandle());
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - before);
            join(t1);
            join(t2);
            Map<String, Path> outputs = ScriptFiles.collect(out, job.collectInto(), job.maxOutputBytes(), notes);
            int code0 = finished ? p.exitValue() : -1;
            ScriptResult.Outcome outcome = !finished ? ScriptResult.Outcome.TIMED_OUT
                    : code0 == 0 ? ScriptResult.Outcome.FINISHED : ScriptResult.Outcome.FAILED;
            String reason = switch (outcome) {
                case TIMED_OUT -> "it was still running after its budget of " + job.limits().jobTimeout().toSeconds()
                        + " s and was stopped";
                case FAILED -> ScriptFiles.exitReason(code0, stderr.text());
                default -> "";
            };
            Duration overhead = Duration.ofNanos(System.nanoTime() - start).minus(wall);
            return new ScriptResult(name, isolation, outcome, code0, reason, stdout.text(), stderr.text(), outputs,
                    wall, overhead, job.gpu(), notes);
        } catch (IOException | RuntimeException e) {
            return ScriptResult.failed(name, isolation, "the " + name + " sandbox could not run the script: "
                    + e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            writableAgain(work);
            JobRunner.deleteTree(work);
        }
    }


    /** The staged data folder is read-only; its parent must be able to delete it. */
    private static void writableAgain(Path work) {
        if (work == null || !Permissions.POSIX) {
            return;
        }
        try (Stream<Path> s = Files.walk(work, 1)) {
            for (Path p : s.toList()) {
                if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
                    Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException ignored) {
            // deleteTree leaves what it cannot remove; the folder name is unique
        }
    }

    private static void join(Thread t) {
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
