package io.tensorgrade.grader.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code tensorgrade rubric validate|explain|template}. */
@Command(name = "rubric",
        mixinStandardHelpOptions = true,
        description = "Validate rubrics, explain what each part checks, or write an answers template.",
        subcommands = {RubricValidateCommand.class, RubricExplainCommand.class, RubricTemplateCommand.class})
final class RubricCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing a subcommand: validate, explain or template.");
    }
}
