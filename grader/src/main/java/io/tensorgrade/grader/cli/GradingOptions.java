package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.engine.GradeRequest;
import io.tensorgrade.grader.engine.Grader;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.sandbox.select.Sandboxes;
import io.tensorgrade.grader.submission.Submission;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
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

    /** The rubric the last {@code grade} call loaded (for the command's staff log), null before. */
    Rubric loaded;

    /**
     * Refuses a folder of submissions given as one (it would score zero without a word): no answers file nor any
     * file the rubric names, but sub-folders that have them.
     */
    static void refuseClassFolder(Rubric r, Submission s) {
        Path dir = s.dir();
        List<String> names = new ArrayList<>(Submission.ANSWER_FILES);
        r.parts().forEach(p -> names.addAll(p.check().submittedFiles()));
        if (s.answersFile().isPresent() || names.stream().anyMatch(n -> Files.exists(dir.resolve(n)))) {
            return;
        }
        List<String> students;
        try (Stream<Path> list = Files.list(dir)) {
            students = list.filter(Files::isDirectory).filter(d -> names.stream().anyMatch(n -> Files.exists(
                    d.resolve(n)))).map(d -> d.getFileName() + "/").sorted().toList();
        } catch (IOException e) {
            return;
        }
        if (students.size() >= 2) {
            throw new GraderException(dir + " looks like a folder of " + students.size() + " submissions ("
                    + String.join(", ", students.stream().limit(3).toList()) + (students.size() > 3 ? ", ..." : "")
                    + "), not one: grade one of them, or the whole class with tensorgrade regrade --rubric " + r.file()
                    + " " + dir + " --out RUN_DIR.");
        }
    }

    /** Loads the rubric and grades the parts {@code run} selects; the sandbox is chosen on first use. */
    GradeReport grade(Path submission, Predicate<Part> run, PrintWriter err) {
        return grade(submission, run, null, null, null, null, err);
    }

    /**
     * As {@link #grade(Path, Predicate, PrintWriter)}, for a submission made at {@code submittedAt} (due {@code due}),
     * starting no part after {@code deadline} and telling {@code progress} the report after each part (both may be
     * null).
     */
    GradeReport grade(Path submission, Predicate<Part> run, java.time.Instant submittedAt, java.time.Instant due,
                      java.time.Instant deadline, java.util.function.Consumer<GradeReport> progress, PrintWriter err) {
        Rubric r = RubricLoader.load(rubric);
        loaded = r;
        Submission s = Submission.open(submission);
        refuseClassFolder(r, s);
        try (Sandboxes.Lazy lazy = sandbox.lazy(err)) {
            return Grader.grade(GradeRequest.of(r, s).only(run).data(data.dir).sandbox(lazy).submitted(submittedAt, due)
                    .deadline(deadline).progress(progress));
        }
    }
}
