package io.tensorgrade.grader.gradescope;

import io.tensorgrade.grader.GraderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a small Java runtime for the autograder package with the running JDK's {@code jlink}, so that an
 * image built without a registry or a JRE package (e.g. from the offline debootstrap base) can run the grader.
 */
public final class JreLinker {

    /** What the grader jar needs (from {@code jdeps --print-module-deps} on the shaded jar). */
    static final List<String> MODULES = List.of("java.base", "java.compiler", "java.desktop", "java.naming",
            "java.security.jgss", "java.sql", "jdk.incubator.vector", "jdk.management", "jdk.unsupported");

    private JreLinker() {
    }

    /** Links a runtime into {@code output}, which must not exist yet. */
    public static Path link(Path output) {
        Path jlink = jlink();
        List<String> command = List.of(jlink.toString(), "--add-modules", String.join(",", MODULES),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2", "--output", output.toString());
        try {
            Path log = Files.createTempFile("tensorgrade-jlink", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new GraderException("jlink took more than 5 minutes and was stopped");
                }
                if (p.exitValue() != 0) {
                    throw new GraderException("jlink failed (exit " + p.exitValue() + "): "
                            + Files.readString(log, StandardCharsets.UTF_8).strip());
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new GraderException("Cannot run " + jlink + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraderException("interrupted while running jlink", e);
        }
        return output;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    /** The jlink beside the running java, i.e. of this JDK (a JRE has none). */
    static Path jlink() {
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElseThrow(() -> new GraderException("cannot tell which java is running, so cannot find jlink"));
        Path jlink = realPath(java).resolveSibling("jlink");
        if (!Files.isExecutable(jlink)) {
            throw new GraderException("no jlink beside " + java + " (a JRE has none): run tensorgrade with a JDK 17,"
                    + " or pass --jre DIR with a runtime you made");
        }
        return jlink;
    }
}
