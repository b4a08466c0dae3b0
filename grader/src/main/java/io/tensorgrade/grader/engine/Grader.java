package io.tensorgrade.grader.engine;

import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.SubmissionJob;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Points;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.submission.AnswerUnavailableException;
import io.tensorgrade.grader.submission.Submission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs every part of a rubric against a submission. A part whose answer is missing or unreadable
 * gets zero with the reason; a part whose check crashes gets zero with the crash; grading always
 * goes on with the next part.
 */
public final class Grader {

    private Grader() {
    }

    /**
     * Grades the parts the request selects (the others are reported as skipped). Parts answered in the answers file
     * go first (they are quick), then the sandboxed parts' one shared job ({@link SubmissionJob}) and every other
     * part in rubric order. After each part the request's progress listener gets the report so far, the parts not
     * graded yet listed as such, so that a grader stopped from outside (Gradescope's timeout) leaves what it had.
     * Past the request's deadline no part starts: each gets an error saying so, and the shared job is cut to fit.
     */
    public static GradeReport grade(GradeRequest request) {
        long start = System.nanoTime();
        Rubric rubric = request.rubric();
        Submission submission = request.submission();
        Submission expecting = submission.expecting(rubric.partIds());
        Function<Part, CheckContext> contexts = part -> new CheckContext(part.id(), expecting, rubric.dir(),
                request.dataDir(), request.sandbox());
        List<String> warnings = new ArrayList<>();
        ExpectedFiles.of(rubric, expecting).warning().ifPresent(warnings::add);
        warnings.addAll(submission.warnings());
        submission.answersError().ifPresent(e -> warnings.add("The answers file could not be read, so every"
                + " part answered in it gets zero: " + e));
        warnings.addAll(submission.unknownAnswerWarnings(rubric.partIds()));
        List<Part> parts = rubric.parts();
        PartResult[] results = new PartResult[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            results[i] = request.selection().test(parts.get(i)) ? pending(parts.get(i)) : skipped(parts.get(i));
        }
        Progress progress = new Progress(request, warnings, start, results);
        progress.report();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (request.selection().test(part) && part.check().needsAnswer()) {
                results[i] = progress.pastDeadline() ? late(part) : gradePart(part, contexts.apply(part));
                progress.report();
            }
        }
        List<SubmissionJob.Member> members = parts.stream()
                .filter(p -> request.selection().test(p) && p.check().sandboxed() != null)
                .map(p -> new SubmissionJob.Member(p.id(), p.check().sandboxed(), contexts.apply(p))).toList();
        // One sandbox job (one container) runs the functions of every selected part, not one job per part.
        SubmissionJob.Outcome job = SubmissionJob.run(members, request.sandbox(), request.deadline());
        Map<String, Supplier<Verdict>> shared = job.verdicts();
        warnings.addAll(job.warnings());
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (!request.selection().test(part) || part.check().needsAnswer()) {
                continue;
            }
            Supplier<Verdict> judged = shared.get(part.id());
            results[i] = judged != null ? finish(part, judge(judged))
                    : progress.pastDeadline() ? late(part) : gradePart(part, contexts.apply(part));
            progress.report();
        }
        return progress.build(List.of(results));
    }

    /** Builds the report so far and hands it to the request's listener. */
    private record Progress(GradeRequest request, List<String> warnings, long start, PartResult[] results) {

        boolean pastDeadline() {
            return request.deadline() != null && java.time.Instant.now().isAfter(request.deadline());
        }

        void report() {
            if (request.progress() == null) {
                return;
            }
            List<PartResult> now = List.of(results.clone());
            long left = now.stream().filter(r -> r.status() == Status.ERROR && r.feedback().equals(PENDING)).count();
            if (left == 0) {
                request.progress().accept(build(now));
                return;
            }
            List<String> noted = new ArrayList<>(warnings);
            noted.add(0, "Grading had not finished when this report was written: " + left + " part(s) not graded"
                    + " yet. If this stays, the grader was stopped (a time limit?) before them.");
            request.progress().accept(build(now, noted));
        }

        GradeReport build(List<PartResult> parts) {
            return build(parts, warnings);
        }

        private GradeReport build(List<PartResult> parts, List<String> notes) {
            Rubric rubric = request.rubric();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new GradeReport(rubric.assignment(), rubric.title(), rubric.file().toString(),
                    request.submission().dir().toString(), parts, took, notes, request.lateness());
        }
    }

    static final String PENDING = "Not graded yet: grading was still running when this was written. If this stays,"
            + " the grader was stopped before this part; that is not a problem with your submission.";

    private static PartResult pending(Part part) {
        return new PartResult(part.id(), part.title(), 0, part.points(), Status.ERROR, PENDING, part.visibility(),
                part.tags(), null);
    }

    private static PartResult late(Part part) {
        return finish(part, Verdict.error("Not graded: the grading deadline passed before this part could start"
                + " (the grader stops in time so that the parts before it are kept). This is not a problem with"
                + " your submission; the course staff can regrade it."));
    }

    /** Grades one part; never throws for a failing check. */
    static PartResult gradePart(Part part, CheckContext context) {
        return finish(part, judge(() -> part.check().grade(context)));
    }

    /** The verdict {@code check} gives, a crash turned into an error verdict. */
    private static Verdict judge(Supplier<Verdict> check) {
        Verdict verdict;
        try {
            verdict = check.get();
            if (verdict == null) {
                verdict = Verdict.error("The check for this part returned no result. This is a grader problem,"
                        + " not a problem with your answer.");
            }
        } catch (AnswerUnavailableException e) {
            verdict = e.unreadable() ? Verdict.unreadable(e.getMessage()) : Verdict.fail(e.getMessage());
        } catch (AnswerFormatException e) {
            verdict = Verdict.unreadable(e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            verdict = Verdict.error("The check for this part crashed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). This is a grader problem, not a"
                    + " problem with your answer; the course staff can see this message.");
        }
        return verdict;
    }

    /** The part's result for {@code verdict}: no partial credit where the part gives none, points rounded. */
    private static PartResult finish(Part part, Verdict verdict) {
        if (!part.partialCredit() && verdict.status() == Status.PARTIAL) {
            verdict = new Verdict(0, Status.FAILED, verdict.feedback(), verdict.mistake(), verdict.staffLog(),
                    verdict.timedOut(), verdict.leaderboard()).withNote("This part gives no partial credit.");
        }
        double score = Math.min(part.points(), Points.round(verdict.credit() * part.points()));
        return new PartResult(part.id(), part.title(), score, part.points(),
                verdict.status(), verdict.feedback(), part.visibility(), part.tags(), verdict.mistake(),
                verdict.staffLog(), verdict.timedOut(), verdict.leaderboard());
    }

    private static PartResult skipped(Part part) {
        return new PartResult(part.id(), part.title(), 0, part.points(), Status.SKIPPED,
                "Checked after submission.", part.visibility(), part.tags(), null);
    }

}
