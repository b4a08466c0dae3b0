package io.tensorgrade.grader.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code tensorgrade ref ...}: the reference implementation on the command line. */
@Command(name = "ref",
        mixinStandardHelpOptions = true,
        description = "Compute reference results: ops on .npy files, network costs, layer output shapes.",
        subcommands = {RefRunCommand.class, RefCostCommand.class, RefShapeCommand.class})
final class RefCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: run, cost or shape.");
    }
}
