package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code grade} / {@code check} choose the sandbox once, on first use, from {@code --sandbox}. */
class GradeSandboxOptionTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private String out = "";
    private String err = "";

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void anUnknownSandboxIsAUsageErrorEvenWithoutCodeParts() {
        assertEquals(2, run("grade", "--sandbox", "vm", "--rubric", Fixtures.path("cli/hw3.yaml").toString(),
                Fixtures.path("cli/correct").toString()));
        assertTrue(err.contains("--sandbox=vm is not one of docker, process, auto"), err);
    }

    @Test
    void aRubricWithoutCodePartsNeverChoosesASandbox() {
        assertEquals(0, run("grade", "--sandbox", "docker", "--rubric", Fixtures.path("cli/hw3.yaml").toString(),
                Fixtures.path("cli/correct").toString()));
        assertFalse(err.contains("sandbox"), err);
    }

    @Test
    void functionPartsRunInTheChosenSandboxAndSayWhichOnce() throws Exception {
        Process p = new ProcessBuilder(ProcessSandbox.DEFAULT_PYTHON.toString(), "-I", "-c", "import numpy, torch")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
                "no numpy and torch in " + ProcessSandbox.DEFAULT_PYTHON + " here");
        assertEquals(0, run("grade", "--sandbox", "process", "--color", "never", "--rubric",
                ROOT.resolve("rubrics/alexnet-cifar10.yaml").toString(),
                ROOT.resolve("submissions-sample/alexnet-cifar10/correct").toString()));
        assertTrue(out.lines().anyMatch(l -> l.startsWith("Total") && l.strip().endsWith("25 / 45")), out);
        // Without --data the accuracy and training parts cannot run: an error that says so, not the student's fault.
        assertTrue(out.contains("This is not a problem with your submission"), out);
        assertEquals(1, err.split("process sandbox, as asked", -1).length - 1, err);
    }
}
