package io.tensorgrade.grader.sandbox.process;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.sandbox.Limits;
import io.tensorgrade.grader.sandbox.wire.Backend;
import io.tensorgrade.grader.sandbox.wire.CappedSink;
import io.tensorgrade.grader.sandbox.wire.ExecResult;
import io.tensorgrade.grader.sandbox.wire.HarnessFiles;
import io.tensorgrade.grader.sandbox.wire.Permissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the harness as local processes with rlimits, a scrubbed environment and (when present) bubblewrap. */
public final class ProcessBackend implements Backend {

    private final ProcessTools tools;
    private final ProcessCommand command;
    private final Limits limits;
    private Path job;
    private Path out;
    private Path scratch;
    private Path harness;

    ProcessBackend(ProcessTools tools, Limits limits) {
        this.tools = tools;
        this.limits = limits;
        this.command = new ProcessCommand(tools, limits);
    }

    @Override
    public void prepare(Path work) {
        job = work.resolve("job");
        out = work.resolve("out");
        scratch = work.resolve("scratch");
        harness = work.resolve("harness");
        HarnessFiles.extractTo(harness);
        try {
            Files.createDirectories(out);
            Files.createDirectories(scratch);
            Permissions.privateDir(out);
            if (tools.root()) {
                Permissions.giveTo(scratch, ProcessTools.NOBODY);
            }
        } catch (IOException e) {
            throw new GraderException("cannot prepare the sandbox folders in " + work + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Run run(boolean scan, Duration timeout, Path into) {
        if (!into.equals(out)) {
            throw new IllegalArgumentException("the process sandbox writes its results to " + out + ", not " + into);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ExecResult scanned = null;
        if (scan) {
            // Its own process, before any student code: what it prints goes straight to Java.
            scanned = exec(List.of(harness.resolve("scan.py").toString(), job.toString()), List.of(scratch),
                    min(SCAN_TIMEOUT, timeout), true);
        }
        List<String> args = new ArrayList<>(List.of(harness.resolve("runner.py").toString(), job.toString(),
                out.toString(), scratch.toString()));
        if (tools.root()) {
            args.addAll(List.of("--worker-uid", String.valueOf(ProcessTools.NOBODY)));
        }
        Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
        return new Run(scanned, exec(args, List.of(out, scratch), left, false));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        // Nothing outlives exec(): it kills the whole process tree before returning.
    }

    private ExecResult exec(List<String> pythonArgs, List<Path> writable, Duration timeout, boolean asNobody) {
        List<String> cmd = command.build(List.of(job, harness), writable, scratch, pythonArgs, asNobody);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(scratch.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8", "HOME", scratch.toString(),
                "TMPDIR", scratch.toString()));
        CappedSink stdout = new CappedSink(limits.logBytes());
        CappedSink stderr = new CappedSink(limits.logBytes());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new GraderException("cannot start " + cmd.get(0) + ": " + e.getMessage(), e);
        }
        Thread t1 = stdout.drain(p.getInputStream(), "sandbox-stdout");
        Thread t2 = stderr.drain(p.getErrorStream(), "sandbox-stderr");
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        } finally {
            ProcessTree.kill(p.toHandle());
        }
        join(t1);
        join(t2);
        return new ExecResult(finished ? p.exitValue() : -1, !finished, stdout.text(), stderr.text());
    }

    private static void join(Thread t) {
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
