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
     * Grades the parts the request selects (the others are reported as skipped). The sandboxed parts share
     * one job ({@link SubmissionJob}); every other part is graded on its own.
     */
    public static GradeReport grade(GradeRequest request) {
        long start = System.nanoTime();
        Rubric rubric = request.rubric();
        Submission submission = request.submission();
        Submission expecting = submission.expecting(rubric.partIds());
        Function<Part, CheckContext> contexts = part -> new CheckContext(part.id(), expecting, rubric.dir(),
                request.dataDir(), request.sandbox());
        List<SubmissionJob.Member> members = rubric.parts().stream()
                .filter(p -> request.selection().test(p) && p.check().sandboxed() != null)
                .map(p -> new SubmissionJob.Member(p.id(), p.check().sandboxed(), contexts.apply(p))).toList();
        // One sandbox job (one container) runs the functions of every selected part, not one job per part.
        SubmissionJob.Outcome job = SubmissionJob.run(members, request.sandbox());
        Map<String, Supplier<Verdict>> shared = job.verdicts();
        List<PartResult> results = new ArrayList<>();
        for (Part part : rubric.parts()) {
            Supplier<Verdict> judged = shared.get(part.id());
            results.add(!request.selection().test(part) ? skipped(part)
                    : judged != null ? finish(part, judge(judged)) : gradePart(part, contexts.apply(part)));
        }
        List<String> warnings = new ArrayList<>();
        ExpectedFiles.of(rubric, expecting).warning().ifPresent(warnings::add);
        warnings.addAll(submission.warnings());
        submission.answersError().ifPresent(e -> warnings.add("The answers file could not be read, so every"
                + " part answered in it gets zero: " + e));
        warnings.addAll(submission.unknownAnswerWarnings(rubric.partIds()));
        warnings.addAll(job.warnings());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new GradeReport(rubric.assignment(), rubric.title(), rubric.file().toString(),
                submission.dir().toString(), results, took, warnings, request.lateness());
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
