package io.tensorgrade.grader.sandbox;

import io.tensorgrade.grader.sandbox.docker.DockerSandbox;
import io.tensorgrade.grader.sandbox.docker.ImageBuilder;
import io.tensorgrade.grader.sandbox.docker.SandboxImage;
import io.tensorgrade.grader.sandbox.docker.TestcontainersSetup;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The sandboxes tests run student code in, for every test package: the process sandbox when
 * {@link ProcessSandbox#DEFAULT_PYTHON} has the modules, the Docker sandbox when a daemon and the offline
 * base image are here (a missing or stale sandbox image is rebuilt from the base). Otherwise the test is
 * skipped with the reason.
 */
public final class TestSandboxes {

    private static final Map<String, Boolean> MODULES = new HashMap<>();
    private static ProcessSandbox process;
    private static boolean dockerChecked;
    private static String dockerProblem;

    private TestSandboxes() {
    }

    /** Whether the process sandbox's Python can import {@code module}. */
    public static synchronized boolean pythonHas(String module) {
        return MODULES.computeIfAbsent(module, m -> {
            if (!Files.isExecutable(ProcessSandbox.DEFAULT_PYTHON)) {
                return false;
            }
            try {
                Process p = new ProcessBuilder(ProcessSandbox.DEFAULT_PYTHON.toString(), "-I", "-c", "import " + m)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Skips the test unless the process sandbox's Python has every module named. */
    public static void assumePython(String... modules) {
        for (String m : modules) {
            Assumptions.assumeTrue(pythonHas(m), "no " + m + " in " + ProcessSandbox.DEFAULT_PYTHON + " here");
        }
    }

    /** The process sandbox (one per test run), or the test is skipped when its Python lacks numpy. */
    public static synchronized ProcessSandbox process() {
        assumePython("numpy");
        if (process == null) {
            process = ProcessSandbox.create();
        }
        return process;
    }

    /** A new Docker sandbox (close it), or the test is skipped with the reason. */
    public static DockerSandbox docker() {
        String problem = dockerProblem();
        Assumptions.assumeTrue(problem == null, () -> "Docker sandbox not available: " + problem);
        return DockerSandbox.create();
    }

    /** Why Docker cannot be tested here, or null; builds a missing or stale sandbox image when its base is here. */
    public static synchronized String dockerProblem() {
        if (!dockerChecked) {
            dockerChecked = true;
            String tag = SandboxImage.defaultTag();
            dockerProblem = SandboxImage.problem(tag);
            if (dockerProblem != null && TestcontainersSetup.dockerAvailable()
                    && ImageBuilder.imageExists(SandboxImage.DEFAULT_BASE)) {
                new ImageBuilder(new PrintWriter(Writer.nullWriter())).build(ImageBuilder.Options.defaults());
                dockerProblem = SandboxImage.problem(tag);
            }
        }
        return dockerProblem;
    }
}
