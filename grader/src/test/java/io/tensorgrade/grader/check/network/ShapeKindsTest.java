package io.tensorgrade.grader.check.network;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static io.tensorgrade.grader.check.network.Parts.mistake;
import static io.tensorgrade.grader.check.network.Parts.mistakeNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * conv_output_shape, pool_output_shape and output_shape. Expected shapes are PyTorch 1.13's (nn.Conv2d,
 * nn.MaxPool2d, nn.AvgPool2d on zeros); mistaken sizes are the hand-computed wrong formulas.
 */
class ShapeKindsTest {

    /** Seed 000 Q1: 30x14x14, 12 filters 4x4, padding 1, stride 2, no bias; ReLU; 3x3 max pool, stride 2. */
    static final String SEED_000_NETWORK = """
            input: [30, 14, 14]
            network:
              - conv2d: {in: 30, out: 12, kernel: 4, stride: 2, padding: 1, bias: false}
              - relu
              - max_pool2d: {kernel: 3, stride: 2}
            """;

    private static final String WRONG_ORDER = "wrong_order";

    @TempDir
    Path dir;

    private Parts parts;

    @BeforeEach
    void setUp() {
        parts = new Parts(dir);
    }

    private Check seed000Conv(String extra) {
        return parts.load("check: conv_output_shape\n"
                + "given: {input: [30, 14, 14], out_channels: 12, kernel: 4, padding: 1, stride: 2}\n" + extra);
    }

    @Test
    void convOutputShapeIsComputedWithAPerDimensionDerivation() {
        Check check = seed000Conv("");
        assertEquals("[12, 7, 7] (order C, H, W)", check.expected().value());
        assertEquals("C: out_channels = 12\nH: floor((14 + 2*1 - 4) / 2) + 1 = 7\nW: floor((14 + 2*1 - 4) / 2) + 1 = 7",
                check.expected().derivation());
        assertEquals(Status.PASSED, parts.grade(check, "[12, 7, 7]").status());
        assertEquals(Status.PASSED, parts.grade(check, "12x7x7").status());
    }

    @Test
    void convMistakesAreNamedWithTheirWrongDerivation() {
        Check check = seed000Conv("");
        Verdict v = parts.grade(check, "[12, 6, 6]");
        assertEquals("padding_ignored", v.mistake());
        assertTrue(v.feedback().contains("which is what you get when the padding is left out: "
                + "floor((14 + 2*0 - 4) / 2) + 1 = 6."), v.feedback());
        assertTrue(v.feedback().contains("How to get it: C: out_channels = 12"), v.feedback());
        assertEquals("stride_ignored", parts.grade(check, "[12, 13, 13]").mistake());
        assertEquals("size_over_stride", parts.grade(check, "[12, 8, 8]").mistake());
        assertEquals("spatial_size_only", parts.grade(check, "[7, 7]").mistake());
        assertEquals("input_channels_kept", parts.grade(check, "[30, 7, 7]").mistake());
        assertEquals("wrong_order", parts.grade(check, "[7, 7, 12]").mistake());
    }

    @Test
    void heightByWidthCountsAsCorrectWhenTheOutputHasOneChannel() {
        // Seed 001 1.1(a): a 5x5 image and one 3x3 filter give [1, 3, 3] (nn.Conv2d(1, 1, 3) on zeros).
        Check conv = parts.load("check: conv_output_shape\ngiven: {input: [1, 5, 5], out_channels: 1, kernel: 3}\n");
        Verdict v = parts.grade(conv, "3x3");
        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertNull(v.mistake());
        assertTrue(mistake(conv, "spatial_size_only").isEmpty());
        Check pool = parts.load("check: pool_output_shape\ngiven: {input: [1, 4, 6], kernel: 2}\n");
        assertEquals(Status.PASSED, parts.grade(pool, "[2, 3]").status());
        assertEquals("wrong_order", parts.grade(pool, "[3, 2]").mistake());
    }

    @Test
    void mistakesThatGiveTheExpectedValueOrAnEarlierOneAreDropped() {
        // ceil((14 + 2 - 4)/2) + 1 = 7 is right here; P instead of 2P and the forgotten +1 both give 6 like
        // padding_ignored, which comes first; dilation and ceil mode are not used.
        assertEquals(List.of("padding_ignored", "stride_ignored", "size_over_stride", "input_channels_kept",
                "spatial_size_only", "element_count", "wrong_order"), mistakeNames(seed000Conv("")));
    }

    @Test
    void theRubricsOwnMistakesComeFirstAndTakeTheirValue() {
        Check check = seed000Conv("mistakes:\n  - {name: no_pad, value: [12, 6, 6], explanation: P is dropped}\n");
        assertEquals("no_pad", parts.grade(check, "12x6x6").mistake());
        assertEquals("no_pad", mistakeNames(check).get(0));
        assertFalse(mistakeNames(check).contains("padding_ignored"));
    }

    @Test
    void builtInMistakesAreNamedInEveryAcceptedOrder() {
        Check check = seed000Conv("order: [CHW, HWC]\n");
        assertEquals(Status.PASSED, parts.grade(check, "7x7x12").status());
        assertEquals("padding_ignored", parts.grade(check, "[6, 6, 12]").mistake());
        assertEquals("input_channels_kept", parts.grade(check, "[7, 7, 30]").mistake());
    }

    @Test
    void withOrderAnyTheRightSizesAlwaysCountAndMistakesAreNamedInAnyOrder() {
        Check check = seed000Conv("order: any\n");
        assertEquals(Status.PASSED, parts.grade(check, "[7, 12, 7]").status());
        assertEquals("padding_ignored", parts.grade(check, "[6, 12, 6]").mistake());
        assertTrue(mistake(check, ShapeKindsTest.WRONG_ORDER).isEmpty());
    }

    @Test
    void rectangularKernelsStridesAndPaddingsAreDerivedPerDimension() {
        // PyTorch: nn.Conv2d(3, 8, (3, 5), stride=(1, 2), padding=(1, 2)) on 3x10x21 gives 8x10x11.
        Check check = parts.load("check: conv_output_shape\n"
                + "given: {input: [3, 10, 21], out_channels: 8, kernel: [3, 5], stride: [1, 2], padding: [1, 2]}\n");
        assertEquals("[8, 10, 11] (order C, H, W)", check.expected().value());
        assertEquals("C: out_channels = 8\nH: floor((10 + 2*1 - 3) / 1) + 1 = 10\n"
                + "W: floor((21 + 2*2 - 5) / 2) + 1 = 11", check.expected().derivation());
        // Without padding: H 10 - 3 + 1 = 8, W floor((21 - 5)/2) + 1 = 9.
        assertEquals(Value.shape(8, 8, 9), mistake(check, "padding_ignored").orElseThrow().value());
    }

    @Test
    void dilationIgnoredIsNamedForDilatedConvolutions() {
        // PyTorch: nn.Conv2d(3, 8, 3, dilation=2, padding=1) on 3x14x14 gives 8x12x12; with dilation 1, 14.
        Check check = parts.load("check: conv_output_shape\n"
                + "given: {input: [3, 14, 14], out_channels: 8, kernel: 3, padding: 1, dilation: 2}\n");
        assertEquals("[8, 12, 12] (order C, H, W)", check.expected().value());
        assertEquals("dilation_ignored", parts.grade(check, "[8, 14, 14]").mistake());
    }

    @Test
    void poolOutputShapeDefaultsTheStrideToTheKernel() {
        Check check = parts.load("check: pool_output_shape\ngiven: {input: [12, 7, 7], kernel: 3, stride: 2}\n");
        assertEquals("[12, 3, 3] (order C, H, W)", check.expected().value());
        assertEquals("C: unchanged = 12\nH: floor((7 + 2*0 - 3) / 2) + 1 = 3\nW: floor((7 + 2*0 - 3) / 2) + 1 = 3",
                check.expected().derivation());
        assertEquals("stride_ignored", parts.grade(check, "[12, 5, 5]").mistake());
        assertEquals("plus_one_forgotten", parts.grade(check, "[12, 2, 2]").mistake());
        // No conv: the input channels are the output channels, so that mistake cannot be told apart.
        assertTrue(mistake(check, "input_channels_kept").isEmpty());
        Check avg = parts.load("check: pool_output_shape\ngiven: {input: [6, 8, 8], type: avg, kernel: 2}\n");
        assertEquals("[6, 4, 4] (order C, H, W)", avg.expected().value());
    }

    @Test
    void ceilModePoolsNameFloorInsteadOfCeil() {
        // PyTorch: nn.MaxPool2d(3, 2, ceil_mode=True) on 8x8 gives 4x4; floor((8 - 3)/2) + 1 = 3.
        Check check = parts.load("check: pool_output_shape\n"
                + "given: {input: [1, 8, 8], kernel: 3, stride: 2, ceil_mode: true}\n");
        assertEquals("[1, 4, 4] (order C, H, W)", check.expected().value());
        assertEquals("floor_instead_of_ceil", parts.grade(check, "1x3x3").mistake());
    }

    @Test
    void outputShapeOfANetworkShowsEveryLayer() {
        Check check = parts.load("check: output_shape\n" + SEED_000_NETWORK);
        assertEquals("[12, 3, 3] (order C, H, W)", check.expected().value());
        assertEquals("""
                layer 1 (conv2d 30->12 k=4 s=2 p=1 no bias): 30x14x14 -> 12x7x7; H, W: floor((14 + 2*1 - 4) / 2) + 1 = 7
                layer 2 (relu): 12x7x7 -> 12x7x7
                layer 3 (max_pool2d k=3 s=2): 12x7x7 -> 12x3x3; H, W: floor((7 + 2*0 - 3) / 2) + 1 = 3""",
                check.expected().derivation());
    }

    @Test
    void networkMistakesAreCarriedForward() {
        Check check = parts.load("check: output_shape\n" + SEED_000_NETWORK);
        // Without padding the conv gives 6, and the pool floor((6 - 3)/2) + 1 = 2.
        Verdict v = parts.grade(check, "[12, 2, 2]");
        assertEquals("padding_ignored", v.mistake());
        assertTrue(v.feedback().contains("the padding is left out in every convolution and pooling layer, carried"
                + " forward (spatial sizes 6, 2 instead of 7, 3)"), v.feedback());
        // (14 + 2)/2 = 8, then 8/2 = 4.
        assertEquals("size_over_stride", parts.grade(check, "[12, 4, 4]").mistake());
        assertEquals("input_channels_kept", parts.grade(check, "[30, 3, 3]").mistake());
    }

    @Test
    void theAskedLayerCanBeAnyLayer() {
        assertEquals("[12, 7, 7] (order C, H, W)",
                parts.load("check: output_shape\nlayer: 2\n" + SEED_000_NETWORK).expected().value());
        // torchvision AlexNet at 3x224x224: layer 13 (the last max pool) gives 256x6x6, layer 15 (flatten) 9216.
        Check pool = parts.load("check: output_shape\nnetwork: zoo:alexnet\nlayer: 13\n");
        assertEquals("[256, 6, 6] (order C, H, W)", pool.expected().value());
        // Seed 002's rule: 57, 28, 32, 16, 18, 20, 22, 11.
        assertEquals(Value.shape(256, 11, 11), mistake(pool, "size_over_stride").orElseThrow().value());
        Check flat = parts.load("check: output_shape\nnetwork: zoo:alexnet\nlayer: 15\n");
        assertEquals("[9216]", flat.expected().value());
        assertTrue(mistake(flat, "spatial_size_only").isEmpty());
        assertTrue(mistake(flat, "element_count").isEmpty());
        assertNull(parts.grade(flat, "9216").mistake());
    }

    // ---------------------------------------------------------------- seed 000 Q1 as students write it

    @Test
    void seed000SpatialSizeAnswersEarnHalfCreditForConvAndPool() {
        // "So the total size of C's output feature map is 7x7." / "... P's output feature map is 3x3."
        Check conv = seed000Conv("order: [CHW, HWC]\n");
        Verdict c = parts.grade(conv, "7x7");
        assertEquals(0.5, c.credit());
        assertEquals("spatial_size_only", c.mistake());
        assertTrue(c.feedback().startsWith("You answered 7x7, which is what you get when only the spatial size (H x W)"
                + " is given and the 12 channels are left implicit. Expected [12, 7, 7]. Partial credit: 50% of the"
                + " points."), c.feedback());
        Check pool = parts.load("check: output_shape\nlayer: 3\norder: [CHW, HWC]\n" + SEED_000_NETWORK);
        Verdict p = parts.grade(pool, "3x3");
        assertEquals(0.5, p.credit());
        assertEquals("spatial_size_only", p.mistake());
    }

    @Test
    void seed000FullShapesCountInEveryNotation() {
        Check conv = seed000Conv("order: [CHW, HWC]\n");
        for (String answer : List.of("7x7x12", "12x7x7", "[12, 7, 7]", "\"$7 \\\\times 7 \\\\times 12$\"",
                "\"$$12 \\\\times 7 \\\\times 7$$\"", "\"\\\\(7 \\\\times 7 \\\\times 12\\\\)\"", "7×7×12",
                "\"7 \\\\cdot 7 \\\\cdot 12\"",
                "\"O = 7x7x12\"", "\"output: 7x7x12\"", "\"7x7x12 = 588\"")) {
            Verdict v = parts.grade(conv, answer);
            assertEquals(Status.PASSED, v.status(), answer + ": " + v.feedback());
        }
    }

    @Test
    void theTotalSizeAsOneNumberCountsWhenTheQuestionAsksForIt() {
        Check asks = seed000Conv("order: [CHW, HWC]\ntotal_size: true\n");
        assertEquals(Status.PASSED, parts.grade(asks, "588").status());
        Check pool = parts.load("check: output_shape\nlayer: 3\ntotal_size: true\n" + SEED_000_NETWORK);
        assertEquals(Status.PASSED, parts.grade(pool, "108").status());
        Verdict count = parts.grade(seed000Conv(""), "588");
        assertEquals("element_count", count.mistake());
        assertEquals(0.0, count.credit());
    }
}
