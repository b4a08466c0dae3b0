package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.gradescope.SubmissionMetadata;
import io.tensorgrade.grader.report.GradescopeReport;
import io.tensorgrade.grader.report.JsonReport;
import io.tensorgrade.grader.report.TextReport;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.Points;
import io.tensorgrade.ref.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tensorgrade grade --rubric R DIR}: grades every part; exit 0 whatever the score. */
@Command(name = "grade",
        mixinStandardHelpOptions = true,
        description = "Grade a submission folder against a rubric (all parts, hidden ones included).")
final class GradeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUBMISSION_DIR", description = "The folder with answers.yaml and the other files.")
    Path submission;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, json (per-student report) or gradescope (results.json). Default: ${DEFAULT-VALUE}.")
    ReportFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE (atomically) instead of"
            + " standard output, e.g. /autograder/results/results.json; staff-only logs (training runs) go to"
            + " FILE.<part>.log next to it.")
    Path out;

    @Option(names = "--submission-metadata", paramLabel = "FILE", description = "Gradescope's"
            + " submission_metadata.json: its created_at and assignment.due_date decide the rubric's late penalty"
            + " (run_autograder passes it).")
    Path metadata;

    @Option(names = "--deadline", paramLabel = "SECONDS", defaultValue = "${env:TENSORGRADE_DEADLINE}",
            description = "Start no part after SECONDS from now and cut the code parts' run to end by then (default:"
                    + " the TENSORGRADE_DEADLINE environment variable, which run_autograder sets from the package's"
                    + " --deadline): set it under Gradescope's own timeout, which would zero the whole submission.")
    Long deadline;

    @Mixin
    GradingOptions grading = new GradingOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SubmissionMetadata times = metadata == null ? SubmissionMetadata.NONE : SubmissionMetadata.read(metadata);
        if (deadline != null && deadline < 1) {
            throw new UsageException("--deadline must be at least 1 second, not " + deadline);
        }
        java.time.Instant until = deadline == null ? null : java.time.Instant.now().plusSeconds(deadline);
        // With --out, the file is rewritten after each part: a grader stopped from outside leaves what it graded.
        java.util.function.Consumer<GradeReport> progress = out == null ? null
                : partial -> AtomicFiles.write(out, render(partial));
        GradeReport report = grading.grade(submission, p -> true, times.createdAt(), times.dueDate(), until, progress,
                spec.commandLine().getErr());
        String text = render(report);
        String staff = times.staffLine(grading.loaded.late().map(io.tensorgrade.grader.rubric.LatePolicy::due)
                .orElse(null));
        if (!staff.isEmpty()) {
            spec.commandLine().getErr().println("tensorgrade: " + staff);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(text);
            stdout.flush();
        } else {
            AtomicFiles.write(out, text);
            // Staff-only logs (a training run's full output) next to the report, never inside results.json.
            for (var part : report.results()) {
                if (!part.staffLog().isEmpty()) {
                    Path log = out.resolveSibling(out.getFileName() + "." + part.partId() + ".log");
                    AtomicFiles.write(log, part.staffLog());
                    spec.commandLine().getErr().println("tensorgrade: wrote " + log + " (staff log of " + part.partId()
                            + ")");
                }
            }
            spec.commandLine().getErr().println("tensorgrade: wrote " + out + " (" + Points.format(report.score())
                    + " / " + Points.format(report.maxScore()) + " points)");
        }
        return Main.OK;
    }

    private String render(GradeReport report) {
        ColorMode color = grading.color;
        return switch (format) {
            case TEXT -> TextReport.render(report, out == null ? color.enabled() : color == ColorMode.ALWAYS);
            case JSON -> JsonReport.render(report);
            case GRADESCOPE -> GradescopeReport.render(report);
        };
    }
}
