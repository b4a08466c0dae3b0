package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.sandbox.ProcessSandbox;
import io.tensorgrade.grader.sandbox.SandboxImage;
import io.tensorgrade.grader.sandbox.SandboxMode;
import io.tensorgrade.grader.sandbox.Sandboxes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tensorgrade sandbox status}: which sandbox {@code --sandbox auto} would use here, and why. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = "Say which sandbox --sandbox auto picks on this machine, and what it isolates.")
final class SandboxStatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--image", description = "Sandbox image (default: ${DEFAULT-VALUE}).")
    String image = SandboxImage.defaultTag();

    @Option(names = "--python", description = "Python for the process sandbox (default: ${DEFAULT-VALUE}).")
    Path python = ProcessSandbox.DEFAULT_PYTHON;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Sandboxes.Choice c = Sandboxes.choose(SandboxMode.AUTO, image, python);
        out.println(c.reason());
        out.println(c.sandbox().isolation());
        return Main.OK;
    }
}
