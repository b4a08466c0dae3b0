package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.engine.GradeRequest;
import io.tensorgrade.grader.engine.Grader;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.sandbox.select.Sandboxes;
import io.tensorgrade.grader.submission.Submission;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Predicate;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code grade} and {@code check} share ({@code @Mixin GradingOptions}): the rubric, colours, the
 * data folder and the sandbox options, and the load-then-grade sequence.
 */
final class GradingOptions {

    @Option(names = "--rubric", required = true, paramLabel = "RUBRIC", description = "The rubric YAML file.")
    Path rubric;

    @Option(names = "--color", defaultValue = "auto", paramLabel = "WHEN",
            description = "auto, always or never. Default: ${DEFAULT-VALUE}.")
    ColorMode color;

    @Mixin
    DataOption data = new DataOption();

    @Mixin
    SandboxOptions sandbox = new SandboxOptions();

    /** Loads the rubric and grades the parts {@code run} selects; the sandbox is chosen on first use. */
    GradeReport grade(Path submission, Predicate<Part> run, PrintWriter err) {
        Rubric r = RubricLoader.load(rubric);
        Submission s = Submission.open(submission);
        try (Sandboxes.Lazy lazy = sandbox.lazy(err)) {
            return Grader.grade(GradeRequest.of(r, s).only(run).data(data.dir).sandbox(lazy));
        }
    }
}
