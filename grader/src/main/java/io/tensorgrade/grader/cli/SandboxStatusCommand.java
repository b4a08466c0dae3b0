package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.sandbox.select.Sandboxes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** {@code tensorgrade sandbox status}: which sandbox the options pick on this machine, and why. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = "Say which sandbox --sandbox (auto by default) picks on this machine, and what it isolates.")
final class SandboxStatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SandboxOptions options = new SandboxOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Sandboxes.Choice c = options.choose();
        out.println(c.reason());
        out.println(c.sandbox().isolation());
        return Main.OK;
    }
}
