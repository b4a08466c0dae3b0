package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.engine.GradeRequest;
import io.tensorgrade.grader.engine.Grader;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.TestSandboxes;
import io.tensorgrade.grader.sandbox.docker.DockerSandbox;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The part 1 functions of {@code rubrics/alexnet-cifar10.yaml} (seed 002) graded against the notebooks in
 * {@code submissions-sample/alexnet-cifar10/} in the process sandbox (skipped, saying why, where
 * {@code /usr/bin/python3} lacks numpy or torch), and the correct notebook once in the Docker sandbox
 * (skipped, saying why, without a daemon or the offline base image). Each sample's score is asserted per
 * part, with the reason (and the recognised mistake) its feedback must give.
 */
class FunctionSamplesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SAMPLES = ROOT.resolve("submissions-sample/alexnet-cifar10");
    static final List<String> PARTS = List.of("p1_conv", "p1_max_pool", "p1_avg_pool", "p1_batchnorm", "p1_sigmoid",
            "p1_cross_entropy");
    private static final double FULL = 2.5;

    private static Rubric rubric;
    private static Sandbox sandbox;

    @BeforeAll
    static void setUp() {
        rubric = RubricLoader.load(ROOT.resolve("rubrics/alexnet-cifar10.yaml"));
        for (String module : List.of("numpy", "torch")) {
            Assumptions.assumeTrue(TestSandboxes.pythonHas(module), "no " + module + " in " + ProcessSandbox.DEFAULT_PYTHON
                    + " here, so student functions cannot run");
        }
        sandbox = ProcessSandbox.create();
    }

    private static GradeReport grade(String sample, Sandbox box) {
        return Grader.grade(GradeRequest.of(rubric, Submission.open(SAMPLES.resolve(sample)))
                .only(p -> PARTS.contains(p.id())).sandbox(() -> box));
    }

    private static PartResult part(GradeReport report, String id) {
        return report.results().stream().filter(r -> r.partId().equals(id)).findFirst().orElseThrow();
    }

    private static String describe(GradeReport report) {
        return report.results().stream().map(r -> r.partId() + ": " + r.score() + " " + r.status() + " -- "
                + r.feedback()).collect(Collectors.joining("\n", "\n", ""));
    }

    /** Full marks on every function part except those given. */
    private static Map<String, Double> scores(Object... except) {
        Map<String, Double> out = new LinkedHashMap<>();
        PARTS.forEach(p -> out.put(p, FULL));
        for (int i = 0; i < except.length; i += 2) {
            out.put((String) except[i], (Double) except[i + 1]);
        }
        return out;
    }

    private static GradeReport assertScores(String sample, Map<String, Double> expected) {
        GradeReport report = grade(sample, sandbox);
        // Scores are reported to 4 decimals.
        expected.forEach((id, score) -> assertEquals(score, part(report, id).score(), 1e-4,
                () -> sample + " " + id + describe(report)));
        return report;
    }

    private static void assertMentions(PartResult r, String... texts) {
        for (String t : texts) {
            assertTrue(r.feedback().contains(t), () -> "'" + t + "' not in:\n" + r.feedback());
        }
    }

    @Test
    void correctNotebookScoresFullMarksOnEveryFunction() {
        GradeReport report = assertScores("correct", scores());
        assertMentions(part(report, "p1_max_pool"), "6 of 6", "case 5 (padding 1, all-negative input;");
        for (String id : PARTS) {
            assertNull(part(report, id).mistake(), id);
        }
    }

    @Test
    void asWrittenLosesExactlyTheMaxPoolPaddingAndCrossEntropyOverflowCases() {
        GradeReport report = assertScores("as-written",
                scores("p1_max_pool", FULL * 4 / 6, "p1_cross_entropy", FULL * 3 / 5));
        PartResult pool = part(report, "p1_max_pool");
        assertEquals("zero_padding", pool.mistake());
        assertMentions(pool, "4 of 6", "case 5 (padding 1, all-negative input; x [2, 3, 6, 6]):",
                "first at [0, 0, 0, 0]: expected", "got 0", "what you get when the padding holds zeros instead of -inf");
        PartResult ce = part(report, "p1_cross_entropy");
        assertNull(ce.mistake());
        assertMentions(ce, "3 of 5", "case 4 (large logits (scale 1000); logits [4, 5], target [4]): returned",
                "NaN or infinite value(s)", "case 5 (large logits in [800, 1000), batch of 1;");
    }

    @Test
    void unstableSoftmaxLosesTheLargeLogitCasesWithTheReason() {
        GradeReport report = assertScores("mistakes/unstable-softmax", scores("p1_cross_entropy", FULL * 3 / 5));
        assertMentions(part(report, "p1_cross_entropy"), "(large logits (scale 1000);", "NaN or infinite value(s)");
    }

    @Test
    void unbiasedVarianceIsRecognisedAsThatMistake() {
        // A constant input has variance 0 whether divided by n or n - 1: 1 of the 6 cases passes.
        GradeReport report = assertScores("mistakes/unbiased-variance",
                scores("p1_batchnorm", Math.round(FULL / 6 * 10_000) / 10_000.0));
        PartResult bn = part(report, "p1_batchnorm");
        assertEquals("unbiased_variance", bn.mistake());
        assertMentions(bn, "1 of 6", "the variance is divided by n - 1 (unbiased) instead of n");
    }

    @Test
    void paddingOffByOneLosesThePaddedConvCasesNamingTheFirstDifferingElement() {
        GradeReport report = assertScores("mistakes/padding-off-by-one", scores("p1_conv", FULL * 2 / 5));
        PartResult conv = part(report, "p1_conv");
        assertNull(conv.mistake(), "the padding is there, only misplaced: not padding_ignored");
        assertMentions(conv, "case 1 (padding 0, as in the notebook; x [2, 3, 8, 8], weight [4, 3, 3, 3], bias [4]):"
                + " passed", "case 2 (padding 1;", "first at [0, 0, 0, 0]: expected", "max abs error");
    }

    @Test
    void torchConvIsForbiddenAndGetsZeroWithTheCell() {
        GradeReport report = assertScores("mistakes/uses-torch-conv", scores("p1_conv", 0.0));
        PartResult conv = part(report, "p1_conv");
        assertEquals(FunctionCheck.FORBIDDEN, conv.mistake());
        // Cell 10 of the notebook is my_conv; the CNN's nn.Conv2d in cell 20 is not graded code.
        assertMentions(conv, "hw4.ipynb [cell 10]:", "torch.nn.functional.conv2d");
        assertTrue(!conv.feedback().contains("[cell 20]"), conv.feedback());
    }

    @Test
    void anExceptionGivesZeroWithTheTraceback() {
        GradeReport report = assertScores("mistakes/raises", scores("p1_avg_pool", 0.0));
        assertMentions(part(report, "p1_avg_pool"), "raised an exception", "IndexError", "hw4.ipynb [cell 9]");
    }

    @Test
    void aFunctionThatHangsOnABatchOfOneLosesThoseCasesToTheTimeLimit() {
        GradeReport report = assertScores("mistakes/sleeps", scores("p1_max_pool", FULL * 4 / 6));
        assertMentions(part(report, "p1_max_pool"), "case 4 (batch of 1, kernel 3; x [1, 2, 7, 7]): ran past the time"
                + " limit of 5 s", "case 6 (padding 1, kernel 3, negative integers; x [1, 3, 7, 7]): ");
    }

    @Test
    void asWrittenScoresTheSameInTheDockerSandbox() {
        try (DockerSandbox docker = TestSandboxes.docker()) {
            GradeReport report = grade("as-written", docker);
            scores("p1_max_pool", FULL * 4 / 6, "p1_cross_entropy", FULL * 3 / 5).forEach((id, score) ->
                    assertEquals(score, part(report, id).score(), 1e-4, () -> id + describe(report)));
            assertEquals("zero_padding", part(report, "p1_max_pool").mistake());
        }
    }

}
