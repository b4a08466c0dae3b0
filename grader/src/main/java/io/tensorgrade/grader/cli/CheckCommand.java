package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.GradeReport;
import io.tensorgrade.grader.Grader;
import io.tensorgrade.grader.check.Visibility;
import io.tensorgrade.grader.report.TextReport;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.sandbox.Sandboxes;
import io.tensorgrade.grader.submission.Submission;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tensorgrade check}: the students' pre-check. Runs only the visible parts and lists the
 * others as checked after submission. Kept light: it is run often and must start fast.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = "Pre-check your answers before submitting: runs the visible parts of the rubric.")
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--rubric", required = true, paramLabel = "RUBRIC", description = "The rubric YAML file.")
    Path rubric;

    @Parameters(paramLabel = "SUBMISSION_DIR", arity = "0..1", defaultValue = ".",
            description = "Your folder with answers.yaml. Default: the current folder.")
    Path submission;

    @Option(names = "--color", defaultValue = "auto", paramLabel = "WHEN",
            description = "auto, always or never. Default: ${DEFAULT-VALUE}.")
    ColorMode color;

    @Mixin
    DataOption data = new DataOption();

    @Mixin
    SandboxOptions sandboxOptions = new SandboxOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Rubric r = RubricLoader.load(rubric);
        Submission s = Submission.open(submission);
        GradeReport report;
        try (Sandboxes.Lazy sandbox = sandboxOptions.lazy(spec.commandLine().getErr())) {
            report = Grader.grade(r, s, p -> p.visibility() == Visibility.VISIBLE, data.dir, sandbox);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(TextReport.render(report, color.enabled()));
        out.println();
        out.println("This pre-check ran " + report.graded().size() + " of " + report.results().size()
                + " parts; your grade is decided after submission.");
        out.flush();
        return Main.OK;
    }
}
