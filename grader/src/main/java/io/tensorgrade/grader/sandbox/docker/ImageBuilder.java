package io.tensorgrade.grader.sandbox.docker;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.sandbox.wire.Executables;
import io.tensorgrade.grader.sandbox.wire.HarnessFiles;
import io.tensorgrade.grader.sandbox.wire.JobRunner;
import io.tensorgrade.grader.sandbox.wire.Permissions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@code tensorgrade sandbox build}: makes the offline base image with debootstrap and
 * {@code docker import} when it is missing, then builds the {@code sandbox} target of the Dockerfile
 * shipped in the jar, labelled with the harness digest. Uses the docker command line.
 */
public final class ImageBuilder {
    private final PrintWriter out;

    /** A builder that reports progress (and the commands' output) to {@code out}. */
    public ImageBuilder(PrintWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * What to build.
     *
     * @param tag    the image to build, e.g. {@code tensorgrade-sandbox:0.1.0}
     * @param base   the FROM image; {@link SandboxImage#DEFAULT_BASE} is made offline when missing
     * @param mirror the Debian mirror for debootstrap, or null to take it from /etc/apt
     * @param suite  the Debian suite for debootstrap
     */
    public record Options(String tag, String base, String mirror, String suite) {
        public Options {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(suite, "suite");
        }

        /** The defaults: this version's tag on the offline bookworm base. */
        public static Options defaults() {
            return new Options(SandboxImage.defaultTag(), SandboxImage.DEFAULT_BASE, null, "bookworm");
        }
    }

    /** Builds the image; a GraderException says what is missing (docker, debootstrap, root). */
    public void build(Options o) {
        requireDocker();
        if (!imageExists(o.base())) {
            if (!o.base().equals(SandboxImage.DEFAULT_BASE)) {
                out.println("tensorgrade: base image " + o.base() + " is not here; docker build will try to pull it");
            } else {
                makeBase(o);
            }
        }
        Path context = null;
        try {
            context = Files.createTempDirectory("tensorgrade-image-");
            writeContext(context);
            int code = stream(buildCommand(o, context), 3600);
            if (code != 0) {
                throw new GraderException("docker build of " + o.tag() + " failed (exit code " + code
                        + "); see the output above");
            }
            out.println("tensorgrade: built " + o.tag() + " (harness " + HarnessFiles.digest().substring(0, 12) + ")");
        } catch (IOException e) {
            throw new GraderException("cannot write the docker build context: " + e.getMessage(), e);
        } finally {
            JobRunner.deleteTree(context);
        }
    }

    static List<String> buildCommand(Options o, Path context) {
        return List.of("docker", "build", "--target", "sandbox", "--build-arg", "BASE=" + o.base(),
                "--label", SandboxImage.HARNESS_LABEL + "=" + HarnessFiles.digest(), "-t", o.tag(), context.toString());
    }

    /** The Dockerfile and the harness, laid out as in the repository. */
    static void writeContext(Path dir) throws IOException {
        try (InputStream in = ImageBuilder.class.getResourceAsStream("/sandbox/Dockerfile")) {
            if (in == null) {
                throw new GraderException("the grader jar lacks /sandbox/Dockerfile; rebuild it with mvn package");
            }
            Files.write(dir.resolve("Dockerfile"), in.readAllBytes());
        }
        HarnessFiles.extractTo(dir.resolve("grader/src/main/resources/harness"));
    }

    private void makeBase(Options o) {
        if (Executables.find("debootstrap") == null) {
            throw new GraderException("the base image " + o.base() + " is missing and debootstrap is not installed to "
                    + "make it offline: install it (apt-get install debootstrap), or pass --base debian:bookworm-slim "
                    + "if a Docker registry is reachable");
        }
        if (Permissions.currentUid() != 0) {
            throw new GraderException("making the base image " + o.base() + " with debootstrap needs root; run "
                    + "`sudo tensorgrade sandbox build` once, or pass --base with an image that has python3");
        }
        String mirror = o.mirror() != null ? o.mirror() : AptMirror.detect(Path.of("/etc/apt"));
        Path script = null;
        try {
            script = Files.createTempFile("tensorgrade-make-base-", ".sh");
            try (InputStream in = ImageBuilder.class.getResourceAsStream("/sandbox/make-base-image.sh")) {
                Files.write(script, Objects.requireNonNull(in, "make-base-image.sh").readAllBytes());
            }
            int code = stream(List.of("/bin/sh", script.toString(), o.base(), mirror, o.suite()), 7200);
            if (code != 0) {
                throw new GraderException("making the base image " + o.base() + " from " + mirror + " failed (exit code "
                        + code + "); see the output above, or pass --mirror");
            }
        } catch (IOException e) {
            throw new GraderException("cannot run make-base-image.sh: " + e.getMessage(), e);
        } finally {
            JobRunner.deleteTree(script);
        }
    }

    private void requireDocker() {
        if (Executables.find("docker") == null) {
            throw new GraderException("the docker command is not installed; install Docker, or grade with "
                    + "--sandbox process");
        }
        if (quiet(List.of("docker", "version", "--format", "{{.Server.Version}}")) != 0) {
            throw new GraderException("the Docker daemon does not answer (is it running, and may this user use "
                    + "its socket?); or grade with --sandbox process");
        }
    }

    public static boolean imageExists(String image) {
        return quiet(List.of("docker", "image", "inspect", image)) == 0;
    }

    private static int quiet(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private int stream(List<String> cmd, long timeoutSeconds) {
        out.println("tensorgrade: " + String.join(" ", cmd));
        out.flush();
        try {
            Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.println(line);
                    out.flush();
                }
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new GraderException("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
