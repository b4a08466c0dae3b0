package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.sandbox.docker.ImageBuilder;
import io.tensorgrade.grader.sandbox.docker.SandboxImage;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code tensorgrade sandbox build}: builds the sandbox image locally, offline by default. */
@Command(name = "build",
        mixinStandardHelpOptions = true,
        description = {"Build the Docker image student code runs in, without any registry.",
                "When the base image is missing it is made with debootstrap from a Debian mirror (root needed)."})
final class SandboxBuildCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tag", description = "Image to build (default: ${DEFAULT-VALUE}).")
    String tag = SandboxImage.defaultTag();

    @Option(names = "--base", description = "FROM image (default: ${DEFAULT-VALUE}, made offline when missing; "
            + "with a registry e.g. debian:bookworm-slim).")
    String base = SandboxImage.DEFAULT_BASE;

    @Option(names = "--mirror", description = "Debian mirror for debootstrap (default: the one in /etc/apt).")
    String mirror;

    @Option(names = "--suite", description = "Debian suite for debootstrap (default: ${DEFAULT-VALUE}).")
    String suite = "bookworm";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        new ImageBuilder(out).build(new ImageBuilder.Options(tag, base, mirror, suite));
        return Main.OK;
    }
}
