package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.report.TextReport;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.Visibility;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Parameters(paramLabel = "SUBMISSION_DIR", arity = "0..1", defaultValue = ".",
            description = "Your folder with answers.yaml. Default: the current folder.")
    Path submission;

    @Mixin
    GradingOptions grading = new GradingOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GradeReport report = grading.grade(submission, p -> p.visibility() == Visibility.VISIBLE,
                spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        out.print(TextReport.render(report, grading.color.enabled()));
        out.println();
        out.println("This pre-check ran " + report.graded().size() + " of " + report.results().size()
                + " parts; your grade is decided after submission.");
        out.flush();
        return Main.OK;
    }
}
