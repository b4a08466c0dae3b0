package io.tensorgrade.grader.sandbox.docker;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.sandbox.wire.HarnessFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;

/** The sandbox image: its tag, and whether the local Docker daemon has a usable one. */
public final class SandboxImage {
    /** The label holding {@link HarnessFiles#digest()}, set by {@code tensorgrade sandbox build}. */
    public static final String HARNESS_LABEL = "io.tensorgrade.harness";
    /** The offline base that {@code sandbox build} makes with debootstrap when it is missing. */
    public static final String DEFAULT_BASE = "tensorgrade-base:bookworm";

    private SandboxImage() {
    }

    /** {@code tensorgrade-sandbox:<version>}. */
    public static String defaultTag() {
        return "tensorgrade-sandbox:" + version();
    }

    /** The grader's version, from the jar. */
    public static String version() {
        try (InputStream in = SandboxImage.class.getResourceAsStream("/tensorgrade.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    /**
     * Null when a Docker daemon answers and has {@code image} with this grader's harness; otherwise
     * one sentence saying what is wrong and how to fix it.
     */
    public static String problem(String image) {
        if (!TestcontainersSetup.dockerAvailable()) {
            return "no Docker daemon answers (is Docker running and its socket readable?); "
                    + "use --sandbox process, or start Docker";
        }
        InspectImageResponse info;
        try {
            info = DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            return "the sandbox image " + image + " does not exist here; build it with `tensorgrade sandbox build`";
        } catch (RuntimeException e) {
            return "the Docker daemon could not inspect the image " + image + ": " + e.getMessage();
        }
        Map<String, String> labels = info.getConfig() == null ? null : info.getConfig().getLabels();
        String digest = labels == null ? null : labels.get(HARNESS_LABEL);
        if (!HarnessFiles.digest().equals(digest)) {
            return "the sandbox image " + image + " holds " + (digest == null ? "no tensorgrade harness label"
                    : "another version of the harness") + "; rebuild it with `tensorgrade sandbox build`";
        }
        return null;
    }

    /** Throws a GraderException with {@link #problem} unless the image is usable. */
    public static void requireUsable(String image) {
        String p = problem(image);
        if (p != null) {
            throw new GraderException(p);
        }
    }
}
