package io.tensorgrade.grader.sandbox;

import io.tensorgrade.grader.sandbox.docker.DockerSandbox;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import io.tensorgrade.ref.tensor.Comparison;
import io.tensorgrade.ref.tensor.Tensor;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Shared fixtures: the sandboxes under test and the sample files. */
public final class SandboxFixtures {
    /** A small input with negative and positive values. */
    public static final Tensor X = Tensor.of(new double[]{-1, 2, -3, 4, -5, 6}, 2, 3);
    /** relu(X), by hand. */
    static final Tensor RELU_X = Tensor.of(new double[]{0, 2, 0, 4, 0, 6}, 2, 3);

    private static String dockerProblem;
    private static boolean dockerChecked;
    private static ProcessSandbox process;

    private SandboxFixtures() {
    }

    static ProcessSandbox process() {
        return TestSandboxes.process();
    }

    /** The Docker sandbox, or the test is skipped with the reason (no daemon, no base image). */
    static DockerSandbox docker() {
        return TestSandboxes.docker();
    }

    static String dockerProblem() {
        return TestSandboxes.dockerProblem();
    }

    /** Skips a test that needs torch in the process sandbox's Python when it has none. */
    static void assumeTorchFor(Sandbox sandbox) {
        if (sandbox instanceof ProcessSandbox) {
            Assumptions.assumeTrue(TestSandboxes.pythonHas("torch"), "no torch in " + ProcessSandbox.DEFAULT_PYTHON + " here");
        }
    }


    /** Shape first, then |a-e| <= atol + rtol*|e|, naming the first element that differs. */
    public static void assertClose(Tensor expected, Tensor actual, double atol, double rtol) {
        Comparison c = Comparison.of(expected, actual, atol, rtol);
        org.junit.jupiter.api.Assertions.assertTrue(c.matches(), c.message());
    }

    static Path resource(String name) {
        try {
            return Path.of(SandboxFixtures.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    /** submissions-sample/hostile/NAME/submission.py at the repository root. */
    static Path hostile(String name) {
        Path p = Path.of("..", "submissions-sample", "hostile", name, "submission.py").toAbsolutePath().normalize();
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new IllegalStateException("missing hostile sample " + p);
        }
        return p;
    }
}
