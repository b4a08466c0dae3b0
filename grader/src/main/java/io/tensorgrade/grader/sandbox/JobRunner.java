package io.tensorgrade.grader.sandbox;

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
 * run the harness (again, after the step that killed it, when it dies early), fetch and validate
 * the results. Every step ends with an outcome whatever happens.
 */
final class JobRunner {
    /** A harness killed by student code is started again at most this many times. */
    private static final int MAX_RELAUNCHES = 2;
    private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(30);

    private JobRunner() {
    }

    static SandboxResult run(SandboxJob job, String name, String isolation, Supplier<Backend> backends) {
        long start = System.nanoTime();
        Path work = null;
        List<String> notes = new ArrayList<>();
        try (Backend backend = backends.get()) {
            work = Files.createTempDirectory("tensorgrade-job-");
            Permissions.traversable(work);
            JobWriter.write(job, work.resolve("job"));
            backend.prepare(work);
            List<ApiFinding> findings = job.forbid().isEmpty() ? List.of() : ScanReader.read(backend.scan(SCAN_TIMEOUT));
            Path out = work.resolve("out");
            ResultReader reader = new ResultReader(job, out);
            String stop = runWithRelaunches(job, backend, out, reader, start, notes);
            List<CallOutcome> calls = reader.outcomes(stop == null ? "the harness did not report on this step" : stop);
            notes.addAll(reader.notes());
            boolean all = calls.stream().noneMatch(c -> c.status() == CallStatus.NOT_RUN);
            return new SandboxResult(name, isolation, all ? SandboxResult.JobStatus.COMPLETED
                    : SandboxResult.JobStatus.INCOMPLETE, all ? "" : stop, calls, findings,
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

    /** Runs the harness; returns why steps may be missing, or null when it finished. */
    private static String runWithRelaunches(SandboxJob job, Backend backend, Path out, ResultReader reader,
                                            long start, List<String> notes) {
        long deadline = start + job.limits().jobTimeout().toNanos();
        for (int attempt = 0; ; attempt++) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            int before = reader.resultCount();
            ExecResult r = backend.runHarness(left);
            backend.fetch(out);
            if (r.timedOut()) {
                return "the job ran out of its time limit of " + job.limits().jobTimeout().toSeconds()
                        + " s before this step";
            }
            if (reader.complete()) {
                return null;
            }
            String why = "the harness stopped early: " + r.describe();
            if (reader.resultCount() == before || attempt == MAX_RELAUNCHES) {
                return why;
            }
            notes.add(why + "; it was started again after the last finished step");
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static void deleteTree(Path root) {
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
