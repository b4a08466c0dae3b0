package io.tensorgrade.grader.sandbox.wire;

import io.tensorgrade.grader.sandbox.ApiFinding;
import io.tensorgrade.grader.sandbox.CallOutcome;
import io.tensorgrade.grader.sandbox.CallStatus;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.SandboxResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The protocol both sandboxes share: write the job folder, scan before any student code runs,
 * run the harness (again, after the step that killed it, when it dies early), read and validate
 * the results. Every step ends with an outcome whatever happens.
 */
public final class JobRunner {
    /** A harness killed by student code is started again at most this many times. */
    private static final int MAX_RELAUNCHES = 2;

    private JobRunner() {
    }

    /** Why steps may be missing (null when the harness finished) and the scan's findings. */
    private record Ending(String stop, List<ApiFinding> findings) {
    }

    public static SandboxResult run(SandboxJob job, String name, String isolation, Supplier<Backend> backends) {
        long start = System.nanoTime();
        Path work = null;
        List<String> notes = new ArrayList<>();
        try (Backend backend = backends.get()) {
            work = Files.createTempDirectory("tensorgrade-job-");
            Permissions.traversable(work);
            JobWriter.write(job, work.resolve("job"));
            backend.prepare(work);
            Path out = work.resolve("out");
            ResultReader reader = new ResultReader(job, out);
            Ending end = runWithRelaunches(job, backend, out, reader, start, notes);
            List<CallOutcome> calls = reader.outcomes(end.stop() == null
                    ? "the harness did not report on this step" : end.stop());
            notes.addAll(reader.notes());
            boolean all = calls.stream().noneMatch(c -> c.status() == CallStatus.NOT_RUN);
            return new SandboxResult(name, isolation, all ? SandboxResult.JobStatus.COMPLETED
                    : SandboxResult.JobStatus.INCOMPLETE, all ? "" : end.stop(), calls, end.findings(),
                    reader.log("stdout.txt", job.limits().logBytes()), reader.log("stderr.txt", job.limits().logBytes()),
                    elapsed(start), notes);
        } catch (IOException | RuntimeException e) {
            String why = "the " + name + " sandbox failed: " + e.getMessage();
            List<CallOutcome> calls = job.steps().stream()
                    .map(s -> CallOutcome.failed(s.id(), CallStatus.NOT_RUN, why)).toList();
            return new SandboxResult(name, isolation, SandboxResult.JobStatus.SANDBOX_FAILED, why, calls, List.of(),
                    "", "", elapsed(start), notes);
        } finally {
                deleteTree(work);
        }
    }

    private static Ending runWithRelaunches(SandboxJob job, Backend backend, Path out, ResultReader reader,
                                            long start, List<String> notes) {
        long deadline = start + job.limits().jobTimeout().toNanos();
        boolean scan = !job.allForbidden().isEmpty();
        List<ApiFinding> findings = List.of();
        for (int attempt = 0; ; attempt++) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            int before = reader.resultCount();
            Backend.Run run = backend.run(scan, left, out);
            if (scan) {
                findings = ScanReader.read(run.scan());
                scan = false;
            }
            ExecResult r = run.harness();
            if (r.timedOut()) {
                return new Ending("the job ran out of its time limit of " + job.limits().jobTimeout().toSeconds()
                        + " s before this step", findings);
            }
            if (reader.complete()) {
                return new Ending(null, findings);
            }
            String why = "the harness stopped early: " + r.describe();
            if (reader.resultCount() == before || attempt == MAX_RELAUNCHES) {
                return new Ending(why, findings);
            }
            notes.add(why + "; it was started again after the last finished step");
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless; the next run uses a new folder
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
