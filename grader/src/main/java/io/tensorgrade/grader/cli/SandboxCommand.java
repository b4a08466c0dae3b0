package io.tensorgrade.grader.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code tensorgrade sandbox ...}: the environment student code runs in. */
@Command(name = "sandbox",
        mixinStandardHelpOptions = true,
        description = "Build and inspect the sandbox that runs student code.",
        subcommands = {SandboxBuildCommand.class, SandboxStatusCommand.class, SandboxBenchCommand.class})
final class SandboxCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: build, status or bench.");
    }
}
