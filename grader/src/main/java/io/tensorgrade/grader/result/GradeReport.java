package io.tensorgrade.grader.result;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of grading one submission against one rubric.
 *
 * @param rubricFile the rubric as given on the command line
 * @param submission the submission folder as given on the command line
 * @param warnings   notes that cost no points (unknown answer ids, several answers files, ...)
 * @param lateness   how late it came in and what that costs ({@link Lateness#NONE} without a due date)
 */
public record GradeReport(String assignment, String title, String rubricFile, String submission,
                          List<PartResult> results, Duration executionTime, List<String> warnings,
                          Lateness lateness) {

    /** A report without a due date. */
    public GradeReport(String assignment, String title, String rubricFile, String submission,
                       List<PartResult> results, Duration executionTime, List<String> warnings) {
        this(assignment, title, rubricFile, submission, results, executionTime, warnings, Lateness.NONE);
    }

    public GradeReport {
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(executionTime, "executionTime");
        title = title == null ? assignment : title;
        rubricFile = rubricFile == null ? "" : rubricFile;
        submission = submission == null ? "" : submission;
        results = List.copyOf(results);
        warnings = List.copyOf(warnings);
        lateness = lateness == null ? Lateness.NONE : lateness;
    }

    /** Points earned, over all parts, after the late penalty. */
    public double score() {
        return lateness.apply(rawScore());
    }

    /** Points earned, over all parts, before any late penalty. */
    public double rawScore() {
        return Points.round(results.stream().mapToDouble(PartResult::score).sum());
    }

    /** The points the late penalty took off. */
    public double latePenaltyPoints() {
        return Points.round(rawScore() - score());
    }

    /** Points available in the parts that were graded (skipped parts do not count). */
    public double maxScore() {
        return Points.round(graded().stream().mapToDouble(PartResult::maxScore).sum());
    }

    /** The results of the parts that were run. */
    public List<PartResult> graded() {
        return results.stream().filter(r -> r.status() != Status.SKIPPED).toList();
    }

    /** The results of the parts that were not run here. */
    public List<PartResult> skipped() {
        return results.stream().filter(r -> r.status() == Status.SKIPPED).toList();
    }
}
