package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import io.tensorgrade.grader.submission.Submission;
import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steps parts run in the process sandbox on small Python files (a relu forward that keeps a cache and a
 * backward that takes it); skipped, saying why, where {@code /usr/bin/python3} lacks numpy.
 */
class StepsCheckTest {

    static final String RUBRIC = "file: layers.py\nreference: relu\ninputs: {x: [2, 3], grad_out: [2, 3]}\n"
            + "steps:\n"
            + "  - {call: relu_forward, args: [x], returns: [out, cache]}\n"
            + "  - {call: relu_backward, args: [grad_out, cache], returns: grad_x}\n"
            + "diagnose: {grad_x: x}\n";
    static final String FORWARD = "import numpy as np\n\ndef relu_forward(x):\n    return np.maximum(x, 0), x\n\n";

    private static Sandbox sandbox;
    private static Check check;

    @BeforeAll
    static void setUp() {
        Assumptions.assumeTrue(io.tensorgrade.grader.sandbox.TestSandboxes.pythonHas("numpy"), "no numpy in "
                + ProcessSandbox.DEFAULT_PYTHON + " here, so student functions cannot run");
        sandbox = ProcessSandbox.create();
        List<Problem> problems = new ArrayList<>();
        ConfigReader c = new ConfigReader((YamlMap) YamlReader.readYaml(RUBRIC).root(), problems, Path.of("."));
        check = new FunctionKind().create(c);
        assertNotNull(check, problems.toString());
    }

    private static Verdict grade(Path dir, String code) throws IOException {
        Files.writeString(dir.resolve("layers.py"), code);
        return check.grade(new CheckContext("p1", Submission.open(dir), dir, () -> sandbox));
    }

    @Test
    void theCacheStaysInTheSandboxAndTheBackwardGetsIt(@TempDir Path dir) throws IOException {
        Verdict v = grade(dir, FORWARD + "def relu_backward(dout, cache):\n    return dout * (cache > 0)\n");
        assertEquals(1, v.credit(), v.feedback());
        assertTrue(v.feedback().contains("relu_forward + relu_backward matched relu (out, grad_x) in 3 of 3"),
                v.feedback());
    }

    @Test
    void aBackwardThatRaisesIsNamedWithItsTraceback(@TempDir Path dir) throws IOException {
        Verdict v = grade(dir, FORWARD + "def relu_backward(dout, cache):\n    return dout[cache.shape[5]]\n");
        assertEquals(0, v.credit(), v.feedback());
        assertTrue(v.feedback().contains("relu_backward raised an exception"), v.feedback());
        assertTrue(v.feedback().contains("IndexError"), v.feedback());
    }

    @Test
    void aWrongForwardWithItsOwnTrueGradientIsDiagnosedAsTheForward(@TempDir Path dir) throws IOException {
        // A leaky relu with its exact gradient: the backward is right for the wrong forward.
        String code = "import numpy as np\n\ndef relu_forward(x):\n    return np.where(x > 0, x, 0.1 * x), x\n\n"
                + "def relu_backward(dout, cache):\n    return dout * np.where(cache > 0, 1.0, 0.1)\n";
        Verdict v = grade(dir, code);
        assertEquals(0, v.credit(), v.feedback());
        assertEquals(StepsJudge.FORWARD_WRONG, v.mistake(), v.feedback());
        assertTrue(v.feedback().contains("out (returned by relu_forward) differs"), v.feedback());
    }

    @Test
    void aWrongForwardAndAnUnrelatedBackwardAreBothWrong(@TempDir Path dir) throws IOException {
        String code = "import numpy as np\n\ndef relu_forward(x):\n    return np.abs(x), x\n\n"
                + "def relu_backward(dout, cache):\n    return 2 * dout\n";
        Verdict v = grade(dir, code);
        assertEquals(StepsJudge.BOTH_WRONG, v.mistake(), v.feedback());
        assertTrue(v.feedback().contains("grad_x: both are wrong"), v.feedback());
    }
}
