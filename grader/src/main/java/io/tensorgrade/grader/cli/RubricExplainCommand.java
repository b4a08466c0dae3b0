package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.report.RubricExplainer;
import io.tensorgrade.grader.rubric.CheckKinds;
import io.tensorgrade.grader.rubric.RubricLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tensorgrade rubric explain R}: each part's points, what it checks and the expected value. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show each part: points, what it checks, the expected value and its derivation.")
final class RubricExplainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUBRIC", description = "The rubric YAML file.")
    Path rubric;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CheckKinds kinds = CheckKinds.standard();
        spec.commandLine().getOut().print(RubricExplainer.render(RubricLoader.load(rubric, kinds), kinds));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
