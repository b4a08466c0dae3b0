package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.sandbox.docker.SandboxImage;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import io.tensorgrade.grader.sandbox.select.SandboxMode;
import io.tensorgrade.grader.sandbox.select.Sandboxes;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The sandbox options shared by every command that runs student code ({@code @Mixin SandboxOptions}):
 * {@code --sandbox docker|process|auto}, {@code --image}, {@code --python}.
 */
public final class SandboxOptions {
    @Option(names = "--sandbox", paramLabel = "docker|process|auto",
            description = "Where student code runs (default: ${DEFAULT-VALUE}): auto takes docker when a daemon "
                    + "answers and the image is current, else the process sandbox, and says why.")
    String sandbox = "auto";

    @Option(names = "--image", description = "Docker sandbox image (default: ${DEFAULT-VALUE}).")
    String image = SandboxImage.defaultTag();

    @Option(names = "--python", description = "Python of the process sandbox (default: ${DEFAULT-VALUE}).")
    Path python = ProcessSandbox.DEFAULT_PYTHON;

    /** The sandbox these options ask for, and why it was chosen; a bad --sandbox value is a usage error. */
    public Sandboxes.Choice choose() {
        return Sandboxes.choose(mode(), image, python);
    }

    private SandboxMode mode() {
        try {
            return SandboxMode.parse(sandbox);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The sandbox, chosen on first use (runs without code checks never probe Docker); logs why to {@code err}. */
    public Sandboxes.Lazy lazy(java.io.PrintWriter err) {
        SandboxMode mode = mode(); // a bad --sandbox is a usage error even when no part runs code
        return Sandboxes.lazy(() -> Sandboxes.choose(mode, image, python), reason -> {
            err.println("tensorgrade: " + reason);
            err.flush();
        });
    }
}
