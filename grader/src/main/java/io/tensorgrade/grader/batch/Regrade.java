package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.batch.input.ClassInput;
import io.tensorgrade.grader.batch.store.RosterEntry;
import io.tensorgrade.grader.batch.store.RubricSnapshot;
import io.tensorgrade.grader.batch.store.RunStore;
import io.tensorgrade.grader.batch.store.StoredGrade;
import io.tensorgrade.grader.batch.store.StoredPart;
import io.tensorgrade.grader.batch.store.SubmissionStatus;
import io.tensorgrade.grader.engine.GradeRequest;
import io.tensorgrade.grader.engine.Grader;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.sandbox.select.Sandboxes;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A whole class graded by one JVM: the rubric loaded once, a pool of {@code jobs} workers, each submission in a
 * fresh sandbox of its own, each graded submission saved to the run store in one transaction as soon as it is
 * done. Only what the {@link RegradePlan} names is graded. {@link #cancel} (SIGINT, SIGTERM) starts nothing
 * new, stops the running sandboxes and keeps nothing of the submissions they were grading.
 */
public final class Regrade {

    /** What to grade and with what. */
    public record Settings(Rubric rubric, Path dataDir, int jobs, RegradePlan.Selection selection) {
        public Settings {
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs=" + jobs + " must be at least 1");
            }
        }
    }

    /** How a run went. */
    public record Outcome(RegradePlan plan, int graded, int problems, boolean cancelled) {
    }

    private final Settings settings;
    private final RunStore store;
    private final Sandboxes.Lazy sandbox;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile ExecutorService pool;
    private final List<Future<?>> futures = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Regrade(Settings settings, RunStore store, Sandboxes.Lazy sandbox) {
        this.settings = settings;
        this.store = store;
        this.sandbox = sandbox;
    }

    /**
     * Records the class and the rubric in the store, plans, and grades what the plan names.
     *
     * @param log      one line each: the plan's summary
     * @param progress counts each finished submission
     */
    public Outcome run(ClassInput input, Consumer<String> log, java.util.function.IntFunction<Progress> progress) {
        Rubric rubric = settings.rubric();
        checkAssignment(rubric);
        List<RosterEntry> roster = input.submissions().stream()
                .map(s -> new RosterEntry(s, Fingerprints.submission(s.dir()))).toList();
        store.replaceRoster(roster);
        store.putRubric(RubricSnapshot.of(rubric));
        Map<String, String> partHashes = Fingerprints.parts(rubric, settings.dataDir());
        String version = GraderVersion.current();
        Map<String, StoredGrade> before = store.grades();
        RegradePlan plan = RegradePlan.of(roster, before, partHashes, version, settings.selection());
        log.accept(roster.size() + " submissions: " + plan.summary());
        AtomicInteger graded = new AtomicInteger();
        AtomicInteger problems = new AtomicInteger();
        try (Progress bar = progress.apply(plan.work().size())) {
            pool = Executors.newFixedThreadPool(settings.jobs(), r -> {
                Thread t = new Thread(r, "tensorgrade-regrade");
                t.setDaemon(true);
                return t;
            });
            for (RegradePlan.Work w : plan.work()) {
                if (cancelled.get()) {
                    break;
                }
                Runnable task = () -> {
                    if (cancelled.get()) {
                        return;
                    }
                    StoredGrade g = grade(w, before.get(w.entry().student()), partHashes, version);
                    if (g != null && !cancelled.get()) {
                        store.save(g);
                        graded.incrementAndGet();
                        boolean problem = g.status() != SubmissionStatus.GRADED;
                        problems.addAndGet(problem ? 1 : 0);
                        bar.done(problem);
                    }
                };
                try {
                    futures.add(pool.submit(task));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    break;  // cancelled while submitting
                }
            }
            pool.shutdown();
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(plan, graded.get(), problems.get(), cancelled.get());
    }

    /** Starts nothing new, stops the running sandboxes (their submissions are not saved). Safe from any thread. */
    public void cancel() {
        if (cancelled.getAndSet(true)) {
            return;
        }
        ExecutorService p = pool;
        if (p != null) {
            p.shutdownNow();
        }
        futures.forEach(f -> f.cancel(false));  // those never started: their waiters must not wait forever
        sandbox.abort();
    }

    /** Waits for the workers to stop after {@link #cancel}, at most {@code seconds}. */
    public void awaitStopped(long seconds) {
        ExecutorService p = pool;
        if (p != null) {
            try {
                p.awaitTermination(seconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void checkAssignment(Rubric rubric) {
        store.meta("assignment").filter(a -> !a.equals(rubric.assignment())).ifPresent(a -> {
            throw new GraderException("The run folder's store " + store.file() + " holds a run of assignment '" + a
                    + "', not '" + rubric.assignment() + "' (" + rubric.file() + "); use another --out for this"
                    + " rubric.");
        });
    }

    /** Grades the parts {@code w} names; null when the run was cancelled meanwhile (nothing is kept then). */
    private StoredGrade grade(RegradePlan.Work w, StoredGrade old, Map<String, String> partHashes, String version) {
        Rubric rubric = settings.rubric();
        RosterEntry entry = w.entry();
        Submission submission;
        GradeReport report;
        try {
            submission = Submission.open(entry.submission().dir());
            report = Grader.grade(GradeRequest.of(rubric, submission).only(p -> w.parts().contains(p.id()))
                    .data(settings.dataDir()).sandbox(sandbox).submitted(entry.submission().submittedAt(), null));
        } catch (RuntimeException e) {
            if (cancelled.get()) {
                return null;
            }
            // The folder vanished or the grader broke: not the student's fault, and the old parts stay.
            return new StoredGrade(entry.student(), entry.contentHash(), SubmissionStatus.ERROR, "could not grade: "
                    + e.getMessage(), List.of(), 0, old == null ? Map.of() : old.parts());
        }
        if (cancelled.get()) {
            return null;
        }
        Map<String, StoredPart> parts = new LinkedHashMap<>();
        for (Part p : rubric.parts()) {
            PartResult fresh = report.results().stream().filter(r -> r.partId().equals(p.id())).findFirst()
                    .orElseThrow();
            if (w.parts().contains(p.id()) && fresh.status() != Status.SKIPPED) {
                parts.put(p.id(), new StoredPart(fresh, entry.contentHash(), partHashes.get(p.id()), version));
            } else if (old != null && old.parts().containsKey(p.id())) {
                parts.put(p.id(), old.parts().get(p.id()));
            }
        }
        List<String> warnings = new ArrayList<>(report.warnings());
        boolean whole = rubric.parts().stream().allMatch(p -> w.parts().contains(p.id()));
        if (!whole && old != null) {
            // Parts not regraded keep the notes their grading gave (their sandbox's import notes, say).
            LinkedHashSet<String> all = new LinkedHashSet<>(old.warnings());
            all.addAll(warnings);
            warnings = new ArrayList<>(all);
        }
        Triage.Finding finding = Triage.of(rubric, submission, parts.values().stream().map(StoredPart::result)
                .toList());
        return new StoredGrade(entry.student(), entry.contentHash(), finding.status(), finding.reason(), warnings,
                report.executionTime().toMillis(), parts);
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (java.util.concurrent.CancellationException e) {
            // cancelled: the submission is graded by the next run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new GraderException("A regrade worker failed: " + cause, cause);
        }
    }
}
