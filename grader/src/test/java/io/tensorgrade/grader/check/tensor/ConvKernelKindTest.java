package io.tensorgrade.grader.check.tensor;

import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.KindFixture;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 003, P1-P3 (docs/seeds/analysis.md): finite differences, average pooling and RGB to grayscale as
 * convolutions. The correct kernels were checked there with PyTorch (F.conv2d against the map), and so was
 * the relation of the student's 3x3 stencils to the map: without padding their output is the map's shifted
 * by one row and one column; with padding 1 it is the map plus an extra row and column.
 */
class ConvKernelKindTest {
    static final String FINITE_DIFFERENCES = """
            target: {kernel: [[[-1, 0], [1, 0]], [[-1, 1], [0, 0]]], stride: 1, padding: 0}
            input: [1, 8, 8]
            stride: 1
            padding: 0
            """;
    static final String AVERAGE_POOLING = """
            target: {op: avg_pool2d, params: {kernel_size: 2, stride: 2}}
            input: [3, 8, 8]
            stride: 2
            """;
    static final String GRAYSCALE = """
            target: {kernel: [[[[0.299]], [[0.587]], [[0.114]]]]}
            input: [3, 5, 5]
            """;
    static final String QUARTER = "[[0.25, 0.25], [0.25, 0.25]]";
    static final String ZERO = "[[0, 0], [0, 0]]";

    @TempDir
    Path dir;

    private final KindFixture kind = new KindFixture(new ConvKernelKind(), () -> dir);




    @Test
    void finiteDifferenceKernelsTwoByTwoAreCorrect() {
        Check c = kind.check(FINITE_DIFFERENCES);
        Verdict v = kind.grade(c, "[[[-1, 0], [1, 0]], [[-1, 1], [0, 0]]]");
        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertEquals("Correct: with your kernel (2x1x2x2, stride 1, padding 0) conv2d reproduces conv2d(x, w, stride=1,"
                + " padding=0) with w = [[[[-1, 0], [1, 0]]], [[[-1, 1], [0, 0]]]] (2x1x2x2) on 3 random inputs of"
                + " shape 1x8x8.", v.feedback());
        assertEquals(Status.PASSED, kind.grade(c, "[[[[-1, 0], [1, 0]]], [[[-1, 1], [0, 0]]]]").status());
        assertEquals(Status.PASSED, kind.grade(c, "{weight: [[[-1, 0], [1, 0]], [[-1, 1], [0, 0]]], padding: 0}").status());
    }

    @Test
    void seedStudentsThreeByThreeStencilsLoseCreditAsShifted() {
        Check c = kind.check(FINITE_DIFFERENCES);
        Verdict v = kind.grade(c, "[[[0, 0, 0], [0, -1, 0], [0, 1, 0]], [[0, 0, 0], [0, -1, 1], [0, 0, 0]]]");
        assertEquals(Status.FAILED, v.status());
        assertTrue(v.feedback().startsWith("With your kernel (2x1x3x3, stride 1, padding 0) conv2d gives a 2x6x6 output"
                + " for a 1x8x8 input; the map gives 2x7x7. Its values are the expected ones shifted by 1 row and 1"
                + " column (your [i, j] is the expected [i+1, j+1])"), v.feedback());
    }

    @Test
    void seedStudentsStencilsWithPaddingOneHaveAnExtraRowAndColumn() {
        Verdict v = kind.grade(kind.check(FINITE_DIFFERENCES),
                "{weight: [[[0, 0, 0], [0, -1, 0], [0, 1, 0]], [[0, 0, 0], [0, -1, 1], [0, 0, 0]]], padding: 1}");
        assertEquals(Status.FAILED, v.status());
        assertTrue(v.feedback().contains("conv2d gives a 2x8x8 output for a 1x8x8 input; the map gives 2x7x7. Where the"
                + " two overlap (from the top-left corner) the values match"), v.feedback());
    }

    @Test
    void finiteDifferenceMistakesAreNamed() {
        Check c = kind.check(FINITE_DIFFERENCES);
        assertEquals("sign_flipped", kind.grade(c, "[[[1, 0], [-1, 0]], [[1, -1], [0, 0]]]").mistake());
        assertEquals("channels_swapped", kind.grade(c, "[[[-1, 1], [0, 0]], [[-1, 0], [1, 0]]]").mistake());
        // The kernels a flipping convention gives (analysis.md): rotated by 180 degrees.
        Verdict flipped = kind.grade(c, "[[[0, 1], [0, -1]], [[0, 0], [1, -1]]]");
        assertEquals("kernel_flipped", flipped.mistake());
        assertTrue(flipped.feedback().contains("which is what you get when the kernel is flipped (rotated by 180°)"),
                flipped.feedback());
        assertEquals("in_out_swapped", kind.grade(c, "[[[[-1, 0], [1, 0]], [[-1, 1], [0, 0]]]]").mistake());
    }

    @Test
    void averagePoolingAsAConvolutionInBothForms() {
        Check c = kind.check(AVERAGE_POOLING);
        String delta = "[[" + QUARTER + ", " + ZERO + ", " + ZERO + "], [" + ZERO + ", " + QUARTER + ", " + ZERO + "], ["
                + ZERO + ", " + ZERO + ", " + QUARTER + "]]";
        assertEquals(Status.PASSED, kind.grade(c, delta).status());
        assertEquals(Status.PASSED, kind.grade(c, "{weight: [" + QUARTER + ", " + QUARTER + ", " + QUARTER + "], groups: 3}")
                .status());
        assertEquals(Status.PASSED, kind.grade(c, "{weight: [[[[1/4, 1/4], [1/4, 1/4]]], [" + QUARTER + "], ["
                + QUARTER + "]], groups: 3}").status());
        assertTrue(c.expected().value().startsWith("a kernel w for which conv2d(x, w, stride=2) equals"
                + " avg_pool2d(x, kernel_size=2, stride=2)"), c.expected().value());
    }

    @Test
    void averagePoolingMistakes() {
        Check c = kind.check(AVERAGE_POOLING);
        String ones = "[[1, 1], [1, 1]]";
        Verdict sum = kind.grade(c, "{weight: [" + ones + ", " + ones + ", " + ones + "], groups: 3}");
        assertEquals("not_normalised", sum.mistake());
        assertTrue(sum.feedback().contains("conv2d gives 4 times the map"), sum.feedback());
        String all = "[[" + QUARTER + ", " + QUARTER + ", " + QUARTER + "]]";
        Verdict mixed = kind.grade(c, "[" + all.substring(1, all.length() - 1) + ", " + all.substring(1, all.length() - 1)
                + ", " + all.substring(1, all.length() - 1) + "]");
        assertEquals(Status.FAILED, mixed.status());
        assertNull(mixed.mistake());
        assertTrue(mixed.feedback().contains("conv2d's output differs from the map's in 144 of 144 values (random"
                + " inputs); first at image 1, channel 1, row 1, column 1"), mixed.feedback());
        Verdict strideOne = kind.grade(c, "{weight: [" + QUARTER + ", " + QUARTER + ", " + QUARTER + "], groups: 3,"
                + " stride: 1}");
        assertTrue(strideOne.feedback().contains("gives a 3x7x7 output for a 3x8x8 input; the map gives 3x4x4"),
                strideOne.feedback());
    }

    @Test
    void grayscaleFromAFlatListIsAOneByThreeByOneByOneKernel() {
        Check c = kind.check(GRAYSCALE);
        assertEquals(Status.PASSED, kind.grade(c, "[0.299, 0.587, 0.114]").status());
        assertEquals(Status.PASSED, kind.grade(c, "\"[0.299 0.587 0.114]\"").status());
        // seed 003 P3 as written: "W = [0.299, 0.587, 0.114]", in a markdown cell
        assertEquals(Status.PASSED, kind.grade(c, "W = [0.299, 0.587, 0.114]").status());
        assertEquals(Status.PASSED, kind.grade(c, "\"$$W = [0.299, 0.587, 0.114]$$\"").status());
        assertEquals("in_out_swapped", kind.grade(c, "[[[[0.299]]], [[[0.587]]], [[[0.114]]]]").mistake());
        assertEquals("input_channels_permuted", kind.grade(c, "[0.114, 0.587, 0.299]").mistake());
        Verdict equal = kind.grade(c, "[1/3, 1/3, 1/3]");
        assertEquals(Status.FAILED, equal.status());
        assertNull(equal.mistake());
    }

    @Test
    void kernelsRoundedToThreeDecimalsPassByDefault() {
        Check c = kind.check("""
                target: {op: avg_pool2d, params: {kernel_size: 3}}
                input: [1, 9, 9]
                stride: 3
                """);
        assertEquals(Status.PASSED, kind.grade(c, "[[0.111, 0.111, 0.111], [0.111, 0.111, 0.111], [0.111, 0.111, 0.111]]")
                .status());
        assertEquals(Status.PASSED, kind.grade(c, "[[1/9, 1/9, 1/9], [1/9, 1/9, 1/9], [1/9, 1/9, 1/9]]").status());
        assertEquals("not_normalised", kind.grade(c, "[[1, 1, 1], [1, 1, 1], [1, 1, 1]]").mistake());
    }

    @Test
    void weightShapeReshapesAFlatAnswer() {
        Check c = kind.check("""
                target: {op: avg_pool2d, params: {kernel_size: 2, stride: 2}}
                input: [1, 6, 6]
                stride: 2
                weight_shape: [1, 1, 2, 2]
                """);
        assertEquals(Status.PASSED, kind.grade(c, "[0.25, 0.25, 0.25, 0.25]").status());
        assertEquals("answers.yaml:1: The kernel has 3 values; this question's weight has shape [1, 1, 2, 2] (4"
                + " values).", assertThrows(AnswerFormatException.class, () -> kind.grade(c, "[0.25, 0.25, 0.25]"))
                .getMessage());
    }

    @Test
    void kernelsThatCannotBeReadOrAppliedAreExplained() {
        Check c = kind.check(AVERAGE_POOLING);
        AnswerFormatException e = assertThrows(AnswerFormatException.class, () -> kind.grade(c, QUARTER));
        assertTrue(e.getMessage().contains("A 2x2 kernel cannot be read as conv2d's weight here: it needs [3, 3, kh, kw]"
                + " (out_channels, in_channels/groups, kh, kw); write all four dimensions."), e.getMessage());
        assertTrue(assertThrows(AnswerFormatException.class, () -> kind.grade(c, "{weights: [1]}")).getMessage()
                .contains("Unknown key 'weights' in the kernel; allowed: weight, stride, padding, groups."));
        Verdict v = kind.grade(c, "[[[[1, 1], [1, 1]], [[1, 1], [1, 1]]]]");
        assertTrue(v.feedback().startsWith("With your kernel (1x2x2x2, stride 2, padding 0) conv2d cannot run on a 3x8x8 input:"
                + " conv2d:"), v.feedback());
    }

    private void assertProblem(String yaml, String expected) {
        String msg = kind.problemText(yaml);
        assertTrue(msg.contains(expected), msg);
    }

    @Test
    void rubricProblemsAreReported() {
        assertProblem(AVERAGE_POOLING.replace("avg_pool2d", "conv2d"), "target.op: conv2d needs x, weight");
        assertProblem(AVERAGE_POOLING.replace("input: [3, 8, 8]", "input: [8, 8]"),
                "2: input: expected the shape of one image [C, H, W]");
        assertProblem(AVERAGE_POOLING.replace("kernel_size: 2", "kernel: 2"),
                "target.params.kernel: unknown parameter 'kernel' (did you mean 'kernel_size'?)");
        assertProblem(AVERAGE_POOLING + "groups: 2\n", "groups: groups=2 must divide the input's 3 channels");
        assertProblem(FINITE_DIFFERENCES.replace("input: [1, 8, 8]", "input: [3, 8, 8]"),
                "target.kernel: a 2x2x2 kernel cannot be read as conv2d's weight for a 3-channel input");
        assertProblem(AVERAGE_POOLING.replace("stride: 2\n", "stride: two\n"),
                "stride: expected an int or [h, w], got \"two\"");
    }
}
