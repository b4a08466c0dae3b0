package io.tensorgrade.grader.report;

import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Visibility;
import java.time.Duration;
import java.util.List;

/** A hand-made report covering every status. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    static GradeReport report() {
        return new GradeReport("hw3-cnn", "CNN fundamentals", "rubrics/hw3.yaml", "submissions/alice", List.of(
                new PartResult("q1a", "Output size", 5, 5, Status.PASSED, "Correct: [12, 7, 7].", Visibility.VISIBLE,
                        List.of("conv"), null),
                new PartResult("q1b", "FLOPs", 0, 10, Status.FAILED, "You answered 547704, which is what you get"
                        + " when the additions are forgotten. Expected 564,756.\n\nHow to get it: 12*7*7*(...)",
                        Visibility.AFTER_PUBLISHED, List.of("flops"), "no_channel_adds"),
                new PartResult("q1c", "Params", 1.5, 3, Status.PARTIAL, "Accepted at half credit.",
                        Visibility.VISIBLE, List.of(), null),
                new PartResult("q2", "my_conv", 0, 4, Status.ERROR, "The check for this part crashed.",
                        Visibility.HIDDEN, List.of(), null),
                new PartResult("q3", "Accuracy", 0, 20, Status.SKIPPED, "Checked after submission.",
                        Visibility.HIDDEN, List.of(), null)),
                Duration.ofMillis(1234), List.of("answers.yaml:9: 'q4' is not a part of this assignment."));
    }
}
