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
 */
public record GradeReport(String assignment, String title, String rubricFile, String submission,
                          List<PartResult> results, Duration executionTime, List<String> warnings) {

    public GradeReport {
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(executionTime, "executionTime");
        title = title == null ? assignment : title;
        rubricFile = rubricFile == null ? "" : rubricFile;
        submission = submission == null ? "" : submission;
        results = List.copyOf(results);
        warnings = List.copyOf(warnings);
    }

    /** Points earned, over all parts. */
    public double score() {
        return Points.round(results.stream().mapToDouble(PartResult::score).sum());
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
