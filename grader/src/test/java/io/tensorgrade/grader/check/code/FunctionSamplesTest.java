package io.tensorgrade.grader.check.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.grader.GradeReport;
import io.tensorgrade.grader.Grader;
import io.tensorgrade.grader.check.PartResult;
import io.tensorgrade.grader.check.Status;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.sandbox.ProcessSandbox;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.submission.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rubrics/cnn-functions.yaml} graded against {@code submissions-sample/cnn-functions/} in the process
 * sandbox (skipped, saying why, where {@code /usr/bin/python3} lacks numpy or torch).
 */
class FunctionSamplesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SAMPLES = ROOT.resolve("submissions-sample/cnn-functions");

    private static Rubric rubric;
    private static Sandbox sandbox;

    @BeforeAll
    static void setUp() {
        for (String module : List.of("numpy", "torch")) {
            Assumptions.assumeTrue(pythonHas(module), "no " + module + " in " + ProcessSandbox.DEFAULT_PYTHON
                    + " here, so student functions cannot run");
        }
        rubric = RubricLoader.load(ROOT.resolve("rubrics/cnn-functions.yaml"));
        sandbox = ProcessSandbox.create();
    }

    private static GradeReport grade(String sample) {
        return Grader.grade(rubric, Submission.open(SAMPLES.resolve(sample)), p -> true, () -> sandbox);
    }

    private static PartResult part(GradeReport report, String id) {
        return report.results().stream().filter(r -> r.partId().equals(id)).findFirst().orElseThrow();
    }

    private static String describe(GradeReport report) {
        return report.results().stream().map(r -> r.partId() + ": " + r.score() + " " + r.status() + " -- "
                + r.feedback()).collect(Collectors.joining("\n", "\n", ""));
    }

    /** The 1-based line of the first line of the sample's hw4.py containing {@code text}. */
    private static int lineOf(String sample, String text) throws IOException {
        List<String> lines = Files.readAllLines(SAMPLES.resolve(sample).resolve("hw4.py"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + sample);
    }

    @Test
    void correctFunctionsScoreFullMarks() {
        GradeReport report = grade("correct");
        assertEquals(10, report.score(), 1e-9, () -> describe(report));
        assertTrue(part(report, "p1_conv").feedback().contains("3 of 3"), () -> describe(report));
    }

    @Test
    void offByOnePaddingFailsEveryCaseNamingTheFirstDifferingElement() {
        GradeReport report = grade("mistakes/padding_off_by_one");
        PartResult conv = part(report, "p1_conv");
        assertEquals(0, conv.score(), 1e-9, () -> describe(report));
        assertTrue(conv.feedback().contains("case 1 (x [2, 3, 6, 6], weight [4, 3, 3, 3], bias [4])"),
                conv.feedback());
        assertTrue(conv.feedback().contains("first at [0, 0, 0, 0]: expected"), conv.feedback());
        assertTrue(conv.feedback().contains("max abs error"), conv.feedback());
        assertEquals(4, report.score(), 1e-9, () -> describe(report));
    }

    @Test
    void torchConvIsForbiddenAndGetsZeroWithTheLine() throws IOException {
        GradeReport report = grade("mistakes/uses_torch_conv");
        PartResult conv = part(report, "p1_conv");
        assertEquals(0, conv.score(), 1e-9, () -> describe(report));
        assertEquals(FunctionCheck.FORBIDDEN, conv.mistake());
        int line = lineOf("mistakes/uses_torch_conv", "torch.nn.functional.conv2d");
        assertTrue(conv.feedback().contains("hw4.py:" + line + ":"), conv.feedback());
        assertEquals(4, report.score(), 1e-9, () -> describe(report));
    }

    @Test
    void anExceptionGivesZeroWithTheTraceback() throws IOException {
        GradeReport report = grade("mistakes/raises");
        PartResult relu = part(report, "p3_relu");
        assertEquals(0, relu.score(), 1e-9, () -> describe(report));
        assertTrue(relu.feedback().contains("raised an exception"), relu.feedback());
        assertTrue(relu.feedback().contains("IndexError"), relu.feedback());
        assertTrue(relu.feedback().contains("line " + lineOf("mistakes/raises", "x_numpy.shape[4]")),
                relu.feedback());
        assertEquals(9, report.score(), 1e-9, () -> describe(report));
    }

    @Test
    void aFunctionThatSleepsPastTheTimeoutIsNamed() {
        GradeReport report = grade("mistakes/sleeps");
        PartResult pool = part(report, "p2_max_pool");
        assertEquals(Status.FAILED, pool.status(), () -> describe(report));
        assertTrue(pool.feedback().contains("ran past the time limit of 5 s"), pool.feedback());
        assertEquals(7, report.score(), 1e-9, () -> describe(report));
    }

    private static boolean pythonHas(String module) {
        try {
            Process p = new ProcessBuilder(ProcessSandbox.DEFAULT_PYTHON.toString(), "-I", "-c", "import " + module)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
