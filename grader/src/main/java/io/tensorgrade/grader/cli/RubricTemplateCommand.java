package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.report.AnswersTemplate;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.ref.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tensorgrade rubric template R}: an answers.yaml skeleton with one commented entry per part. */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = "Write an answers.yaml skeleton: one commented entry per part, saying what to enter.")
final class RubricTemplateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUBRIC", description = "The rubric YAML file.")
    Path rubric;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String text = AnswersTemplate.render(RubricLoader.load(rubric));
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
        if (Files.exists(out) && !force) {
            throw new GraderException("The file " + out + " already exists. Use --force to replace it.");
        }
        AtomicFiles.write(out, text);
        spec.commandLine().getErr().println("tensorgrade: wrote " + out);
        return Main.OK;
    }
}
