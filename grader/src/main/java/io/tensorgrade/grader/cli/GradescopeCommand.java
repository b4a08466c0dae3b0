package io.tensorgrade.grader.cli;

import picocli.CommandLine.Command;

/** {@code tensorgrade gradescope ...}: deploying a rubric to Gradescope. */
@Command(name = "gradescope",
        mixinStandardHelpOptions = true,
        description = "Deploy a rubric as a Gradescope autograder.",
        subcommands = {GradescopePackageCommand.class})
final class GradescopeCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: package.");
    }
}
