package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.engine.GradeRequest;
import io.tensorgrade.grader.engine.Grader;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The code parts of {@code rubrics/cs231n-conv-layers.yaml} (seed 004's nndl/conv_layers.py) graded against
 * {@code submissions-sample/cs231n-conv-layers/} in the process sandbox: exact scores per part and the reason
 * in the feedback. Skipped, saying why, where {@code /usr/bin/python3} lacks numpy.
 */
class ConvLayersSamplesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SAMPLES = ROOT.resolve("submissions-sample/cs231n-conv-layers");
    /** The code parts and their points, in rubric order. */
    static final Map<String, Double> CODE_PARTS = new LinkedHashMap<>();

    static {
        CODE_PARTS.put("conv_forward", 3.0);
        CODE_PARTS.put("conv_backward", 4.0);
        CODE_PARTS.put("max_pool_forward", 2.0);
        CODE_PARTS.put("max_pool_backward", 3.0);
        CODE_PARTS.put("max_pool_backward_ties", 1.0);
        CODE_PARTS.put("spatial_bn_forward", 2.0);
        CODE_PARTS.put("spatial_bn_backward", 3.0);
    }

    private static Rubric rubric;
    private static Sandbox sandbox;

    @BeforeAll
    static void setUp() {
        Assumptions.assumeTrue(io.tensorgrade.grader.sandbox.TestSandboxes.pythonHas("numpy"), "no numpy in "
                + ProcessSandbox.DEFAULT_PYTHON + " here, so student functions cannot run");
        rubric = RubricLoader.load(ROOT.resolve("rubrics/cs231n-conv-layers.yaml"));
        sandbox = ProcessSandbox.create();
    }

    static GradeReport grade(Rubric rubric, Sandbox sandbox, String sample) {
        return Grader.grade(GradeRequest.of(rubric, Submission.open(SAMPLES.resolve(sample)))
                .only((Part p) -> !p.check().needsAnswer()).sandbox(() -> sandbox));
    }

    private static GradeReport grade(String sample) {
        return grade(rubric, sandbox, sample);
    }

    static PartResult part(GradeReport report, String id) {
        return report.results().stream().filter(r -> r.partId().equals(id)).findFirst().orElseThrow();
    }

    static String describe(GradeReport report) {
        return report.results().stream().map(r -> r.partId() + ": " + r.score() + " " + r.status() + " "
                + r.mistake() + " -- " + r.feedback()).collect(Collectors.joining("\n", "\n", ""));
    }

    /** Asserts every code part's score: full marks except those given. */
    static void assertScores(GradeReport report, Map<String, Double> lost) {
        for (Map.Entry<String, Double> e : CODE_PARTS.entrySet()) {
            double expected = e.getValue() - lost.getOrDefault(e.getKey(), 0.0);
            assertEquals(expected, part(report, e.getKey()).score(), 1e-9, () -> e.getKey() + describe(report));
        }
    }

    @Test
    void correctScoresFullMarksOnEveryCodePart() {
        GradeReport report = grade("correct");
        assertScores(report, Map.of());
        assertTrue(part(report, "conv_backward").feedback().contains("in 4 of 4 case(s)"), () -> describe(report));
    }

    @Test
    void asWrittenDoesNotParseSoEveryCodePartGetsZeroSayingSo() {
        // Every part, the answered ones too: they are graded as usual (out_height right, the rest not given).
        GradeReport report = Grader.grade(GradeRequest.of(rubric, Submission.open(SAMPLES.resolve("as-written")))
                .sandbox(() -> sandbox));
        assertScores(report, CODE_PARTS);
        assertEquals(1.5, part(report, "out_height").score(), 1e-9, () -> describe(report));
        assertEquals(1.5, report.score(), 1e-9, () -> describe(report));
        for (String id : CODE_PARTS.keySet()) {
            PartResult p = part(report, id);
            assertEquals(StepsJudge.SYNTAX_ERROR, p.mistake(), () -> describe(report));
            assertTrue(p.feedback().contains("nndl/conv_layers.py does not parse"), p.feedback());
            assertTrue(p.feedback().contains("(SyntaxError: invalid syntax (conv_layers.py, line 8))"),
                    p.feedback());
        }
    }

    @Test
    void offByOnePaddingFailsConvForwardAndTheDiagnosisBlamesTheForward() {
        GradeReport report = grade("mistakes/conv-padding-off-by-one");
        assertScores(report, Map.of("conv_forward", 3.0, "conv_backward", 4.0));
        assertTrue(part(report, "conv_forward").feedback().contains("out (returned by conv_forward_naive) differs"),
                () -> describe(report));
        PartResult backward = part(report, "conv_backward");
        assertEquals(StepsJudge.FORWARD_WRONG, backward.mistake(), () -> describe(report));
        assertTrue(backward.feedback().contains("your backward is consistent with your forward"),
                backward.feedback());
    }

    @Test
    void maxMaskOverTiesLosesOnlyTheTiesPart() {
        GradeReport report = grade("mistakes/pool-backward-max-mask");
        assertScores(report, Map.of("max_pool_backward_ties", 1.0));
        PartResult ties = part(report, "max_pool_backward_ties");
        assertTrue(ties.feedback().contains("grad_x (returned by max_pool_backward_naive) differs"), ties.feedback());
    }

    @Test
    void aFlippedKernelInTheBackwardIsDiagnosedAsABackwardMistake() {
        GradeReport report = grade("mistakes/conv-backward-kernel-flipped");
        assertScores(report, Map.of("conv_backward", 4.0));
        PartResult backward = part(report, "conv_backward");
        assertEquals(StepsJudge.BACKWARD_WRONG, backward.mistake(), () -> describe(report));
        assertTrue(backward.feedback().contains("so your backward pass is wrong"), backward.feedback());
        assertTrue(backward.feedback().contains("grad_x (returned by conv_backward_naive) differs"),
                backward.feedback());
        assertTrue(!backward.feedback().contains("grad_weight (returned"), backward.feedback());
    }

    @Test
    void unbiasedVarianceFailsBothBatchNormPartsButTheConstantInput() {
        GradeReport report = grade("mistakes/batchnorm-unbiased-variance");
        // A constant input has variance 0 whether divided by n or n - 1: 1 of the 4 cases passes.
        assertScores(report, Map.of("spatial_bn_forward", 1.5, "spatial_bn_backward", 2.25));
        PartResult backward = part(report, "spatial_bn_backward");
        assertEquals(StepsJudge.BOTH_WRONG, backward.mistake(), () -> describe(report));
        assertTrue(backward.feedback().contains("grad_gamma: your backward is consistent with your forward"),
                backward.feedback());
    }

    @Test
    void inDockerTheBackwardMistakeIsDiagnosedTheSameWay() {
        try (io.tensorgrade.grader.sandbox.docker.DockerSandbox docker = io.tensorgrade.grader.sandbox.TestSandboxes.docker()) {
            GradeReport report = grade(rubric, docker, "mistakes/conv-backward-kernel-flipped");
            assertScores(report, Map.of("conv_backward", 4.0));
            assertEquals(StepsJudge.BACKWARD_WRONG, part(report, "conv_backward").mistake(), () -> describe(report));
        }
    }
}
