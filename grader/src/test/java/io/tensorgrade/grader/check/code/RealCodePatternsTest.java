package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.engine.GradeRequest;
import io.tensorgrade.grader.engine.Grader;
import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.TestSandboxes;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static io.tensorgrade.grader.check.code.ConvLayersSamplesTest.assertScores;
import static io.tensorgrade.grader.check.code.ConvLayersSamplesTest.describe;
import static io.tensorgrade.grader.check.code.ConvLayersSamplesTest.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The patterns of real cs231n / UCLA HW5 submissions (read in public solutions, reproduced in our own samples
 * under {@code submissions-sample/cs231n-conv-layers/}), graded with {@code rubrics/cs231n-conv-layers.yaml}
 * in the process sandbox: each with its exact score and the reason in the feedback.
 */
class RealCodePatternsTest {

    private static Rubric rubric;
    private static Sandbox sandbox;

    @BeforeAll
    static void setUp() {
        Assumptions.assumeTrue(TestSandboxes.pythonHas("numpy"), "no numpy in " + ProcessSandbox.DEFAULT_PYTHON
                + " here, so student functions cannot run");
        rubric = RubricLoader.load(ConvLayersSamplesTest.ROOT.resolve("rubrics/cs231n-conv-layers.yaml"));
        sandbox = ProcessSandbox.create();
    }

    private static GradeReport grade(String sample) {
        return ConvLayersSamplesTest.grade(rubric, sandbox, sample);
    }

    @Test
    void theSkeletonsBuiltinsImportAndTheNndlPackageGradeFullMarks() {
        // from builtins import range / object, from nndl.layers import *, import pdb; spatial BN delegates to
        // the student's own nndl/layers.py.
        GradeReport report = grade("correct-package");
        assertScores(report, Map.of());
        PartResult bn = part(report, "spatial_bn_backward");
        assertTrue(bn.feedback().contains("in 4 of 4 case(s)"), bn.feedback());
        assertFalse(bn.feedback().contains("starter"), bn.feedback());
        assertTrue(report.warnings().isEmpty(), report.warnings()::toString);
    }

    @Test
    void aMissingNndlLayersIsFilledByTheStarterCopyAndTheFeedbackSaysSo() {
        GradeReport report = grade("starter-layers");
        assertScores(report, Map.of());
        String note = "nndl/layers.py is not in your submission, so the course's starter copy was used";
        assertTrue(part(report, "spatial_bn_forward").feedback().contains(note), () -> describe(report));
        // conv_layers.py imports nndl.layers, so every part that runs it says so.
        assertTrue(part(report, "conv_forward").feedback().contains(note), () -> describe(report));
    }

    @Test
    void aStarImportOfAMissingModuleIsNamedInTheFeedbackAndTheWarnings() {
        GradeReport report = grade("mistakes/helper-module-missing");
        assertScores(report, Map.of("spatial_bn_forward", 2.0, "spatial_bn_backward", 3.0));
        String named = "nndl/conv_layers.py, line 4: `from nndl.bn_layers import *` failed in the grader"
                + " (ModuleNotFoundError: No module named 'nndl.bn_layers'), so none of the names it would define"
                + " exist";
        PartResult bn = part(report, "spatial_bn_forward");
        assertTrue(bn.feedback().contains("NameError: name 'batchnorm_forward' is not defined"), bn.feedback());
        assertTrue(bn.feedback().contains("Imports that failed in the grader:\n- " + named), bn.feedback());
        assertFalse(part(report, "conv_forward").feedback().contains("Imports that failed"),
                "a part with full marks is not told about the import");
        assertEquals(java.util.List.of(named), report.warnings());
    }

    @Test
    void batchNormWithoutEpsPassesAtScaleOneAndFailsAtScaleOneHundredthAndOnAConstantInput() {
        // This sample is uploaded without its nndl/ folder: conv_layers.py at the top is graded, saying so.
        GradeReport report = grade("mistakes/batchnorm-no-eps");
        assertScores(report, Map.of("spatial_bn_forward", 1.0, "spatial_bn_backward", 1.5));
        PartResult forward = part(report, "spatial_bn_forward");
        assertTrue(forward.feedback().contains("in 2 of 4 case(s)"), forward.feedback());
        assertTrue(forward.feedback().contains("- case 1 (values in [-1, 1); x [4, 3, 5, 5], gamma [3], beta [3]):"
                + " passed"), forward.feedback());
        assertTrue(forward.feedback().contains("- case 2 (scale 1e-2 (eps matters); x [4, 3, 5, 5], gamma [3],"
                + " beta [3]): out (returned by spatial_batchnorm_forward) differs"), forward.feedback());
        assertTrue(forward.feedback().contains("- case 3 (a constant input (variance 0); x [2, 3, 4, 4], gamma [3],"
                + " beta [3]): out (returned by spatial_batchnorm_forward) differs: has 96 NaN or infinite value(s)"),
                forward.feedback());
        assertTrue(forward.feedback().contains("nndl/conv_layers.py was not in your submission; conv_layers.py at"
                + " its top was graded in its place"), forward.feedback());
    }

    @Test
    void thePadMinusPadSliceFailsExactlyThePadZeroCasesOfTheConvBackward() {
        GradeReport report = grade("mistakes/dx-pad-slice");
        assertScores(report, Map.of("conv_backward", 2.0));
        String feedback = part(report, "conv_backward").feedback();
        assertTrue(feedback.contains("- case 1 (stride 1, pad 1; "), feedback);
        assertTrue(feedback.matches("(?s).*- case 1 \\(stride 1, pad 1; [^\\n]*\\): passed.*"), feedback);
        assertTrue(feedback.matches("(?s).*- case 2 \\(stride 1, pad 0; [^\\n]*\\): grad_x \\(returned by"
                + " conv_backward_naive\\) differs: shape differs.*"), feedback);
        assertTrue(feedback.matches("(?s).*- case 3 \\(stride 2, pad 1; [^\\n]*\\): passed.*"), feedback);
    }

    @Test
    void aBackwardThatIgnoresTheStrideInDxFailsTheStridedCasesAndIsDiagnosedAsTheBackward() {
        GradeReport report = grade("mistakes/conv-backward-stride-ignored");
        assertScores(report, Map.of("conv_backward", 2.0));
        String feedback = part(report, "conv_backward").feedback();
        assertTrue(feedback.matches("(?s).*- case 2 \\(stride 1, pad 0; [^\\n]*\\): passed.*"), feedback);
        assertTrue(feedback.matches("(?s).*- case 3 \\(stride 2, pad 1; [^\\n]*\\): grad_x \\(returned by"
                + " conv_backward_naive\\) differs.*"), feedback);
        assertFalse(feedback.contains("grad_weight (returned"), feedback);
    }

    @Test
    void assigningInsteadOfAddingInThePoolBackwardFailsTheOverlappingWindowsOnly() {
        GradeReport report = grade("mistakes/pool-backward-assign");
        assertScores(report, Map.of("max_pool_backward", 2.0));
        String feedback = part(report, "max_pool_backward").feedback();
        assertTrue(feedback.matches("(?s).*- case 1 \\(3x3, stride 2 \\(overlapping\\); [^\\n]*\\): grad_x.*"),
                feedback);
        assertTrue(feedback.matches("(?s).*- case 2 \\(2x2, stride 2; [^\\n]*\\): passed.*"), feedback);
        assertEquals(1.0, part(report, "max_pool_backward_ties").score(), 1e-9, () -> describe(report));
    }

    @Test
    void normalisingOverTheBatchOnlyFailsBothBatchNormParts() {
        GradeReport report = grade("mistakes/batchnorm-over-n-only");
        // Only the constant input (variance 0 either way) gives the forward right.
        assertScores(report, Map.of("spatial_bn_forward", 1.5, "spatial_bn_backward", 3.0));
        assertTrue(part(report, "spatial_bn_forward").feedback().matches(
                "(?s).*- case 3 \\(a constant input \\(variance 0\\); [^\\n]*\\): passed.*"), () -> describe(report));
    }

    @Test
    void aOneByCDgammaCountsWhereTheRubricAcceptsBroadcastShapes() {
        GradeReport report = grade("mistakes/dgamma-keepdims");
        assertScores(report, Map.of());
    }

    @Test
    void aOneByCDgammaIsToldItsValuesAreRightWhereTheRubricWantsExactShapes(@TempDir Path dir) throws IOException {
        Path copy = copyRubric(dir, rubric.file(), "    shapes: broadcast\n", "");
        Rubric exact = RubricLoader.load(copy);
        GradeReport report = ConvLayersSamplesTest.grade(exact, sandbox, "mistakes/dgamma-keepdims");
        PartResult bn = part(report, "spatial_bn_backward");
        assertEquals(0.0, bn.score(), 1e-9, () -> describe(report));
        assertTrue(bn.feedback().contains("grad_gamma (returned by spatial_batchnorm_backward) has the right values"
                + " but shape [1, 3] instead of [3]; return it with shape [3]"), bn.feedback());
        assertFalse(bn.feedback().contains("backward pass is wrong"), bn.feedback());
        assertNull(bn.mistake(), bn.feedback());
    }

    @Test
    void aBackDoorIsNamedOnceWithItsLinesAndWhyItCostsThePart(@TempDir Path dir) throws IOException {
        Path sub = dir.resolve("sub");
        copyTree(ConvLayersSamplesTest.SAMPLES.resolve("correct-package"), sub);
        Path file = sub.resolve("nndl/conv_layers.py");
        Files.writeString(file, Files.readString(file).replace("import pdb\n",
                "import pdb\nfrom builtins import eval\nCONV = eval('np.sum')\nPOOL = eval('np.max')\n"));
        GradeReport report = Grader.grade(GradeRequest.of(rubric, io.tensorgrade.grader.submission.Submission.open(sub)).only(p -> !p.check().needsAnswer()).sandbox(() -> sandbox));
        PartResult conv = part(report, "conv_forward");
        assertEquals(0.0, conv.score(), 1e-9, () -> describe(report));
        assertEquals(FunctionCheck.FORBIDDEN, conv.mistake());
        assertEquals("This part forbids torch.nn.functional.conv2d, torch.nn.Conv2d, torch.conv2d and gets zero,"
                + " because the grader cannot check that your code avoids them:\n"
                + "- nndl/conv_layers.py:6: uses builtins.eval, which can run code or reach any function by a name"
                + " chosen at run time (also lines 7, 8)\n"
                + "Such a line could call a forbidden function without naming it. Call what you need by its name (no"
                + " eval/exec, no getattr or importlib with a name computed at run time) and this part is graded as"
                + " usual.", conv.feedback());
    }

    /** The rubric and its course files copied into {@code dir}, with one text replaced. */
    static Path copyRubric(Path dir, Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), "the rubric no longer has " + from);
        copyTree(file.getParent().resolve("starter"), dir.resolve("starter"));
        Path copy = dir.resolve(file.getFileName());
        Files.writeString(copy, text.replace(from, to));
        return copy;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
