package io.tensorgrade.grader.check.tensor;

import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.KindFixture;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.ref.ops.Conv2d;
import io.tensorgrade.ref.ops.Conv2dParams;
import io.tensorgrade.ref.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 001, 1.1(c), 1.1(d) and 1.2(c). Expected values are PyTorch 1.13's (F.conv2d, autograd with an
 * all-ones upstream gradient, F.max_pool2d), as in docs/seeds/analysis.md.
 */
class TensorKindTest {
    static final String A = "[[4, 5, 2, 2, 1], [3, 3, 2, 2, 4], [4, 3, 4, 1, 1], [5, 1, 4, 1, 2], [5, 1, 3, 1, 4]]";
    static final String B = "[[4, 3, 3], [5, 5, 5], [2, 4, 3]]";
    static final String C = "[[109, 92, 72], [108, 85, 74], [110, 74, 79]]";
    static final String CONV = "op: conv2d\nparams: {stride: 1, padding: 0}\ninputs:\n  x: " + A + "\n  weight: " + B + "\n";
    static final String GRAD_X = CONV + "  grad_out: {fill: 1}\noutput: grad_x\n";
    static final String POOL = "op: max_pool2d\nparams: {kernel_size: 2, stride: 1}\ninputs:\n  x: " + C + "\n";

    @TempDir
    Path dir;

    private final KindFixture kind = new KindFixture(new TensorKind(), () -> dir);




    private static Tensor matrix(double[][] rows) {
        double[] flat = new double[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        }
        return Tensor.of(flat, 1, 1, rows.length, rows[0].length);
    }

    @Test
    void convolutionOfAWithBInEveryWrittenForm() {
        Check c = kind.check(CONV);
        assertEquals(C, c.expected().value());
        for (String answer : List.of(C, "[[[[109, 92, 72], [108, 85, 74], [110, 74, 79]]]]",
                "\"tensor([[109., 92., 72.], [108., 85., 74.], [110., 74., 79.]], dtype=torch.float64)\"",
                "\"[[109 92 72]\\n [108 85 74]\\n [110 74 79]]\"", "\"[[109, 92, 72], [108, 85, 74], [110, 74, 79]]\"")) {
            Verdict v = kind.grade(c, answer);
            assertEquals(Status.PASSED, v.status(), answer + ": " + v.feedback());
        }
        assertEquals("Correct: all 9 values match.", kind.grade(c, C).feedback());
    }

    @Test
    void trueConvolutionIsNamedKernelFlipped() {
        // The true convolution, computed by the reference with the kernel rotated by 180 degrees.
        Tensor x = matrix(new double[][] {{4, 5, 2, 2, 1}, {3, 3, 2, 2, 4}, {4, 3, 4, 1, 1}, {5, 1, 4, 1, 2},
                {5, 1, 3, 1, 4}});
        double[][] b = {{4, 3, 3}, {5, 5, 5}, {2, 4, 3}};
        double[][] rotated = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                rotated[i][j] = b[2 - i][2 - j];
            }
        }
        Tensor flippedB = matrix(rotated);
        Tensor trueConv = Conv2d.forward(x, flippedB, null, Conv2dParams.defaults());
        String answer = TensorText.format(TensorAnswer.squeezeLeading(trueConv));
        // PyTorch: F.conv2d(A, B.flip(-1, -2)).
        assertEquals("[[113, 87, 75], [114, 80, 75], [112, 73, 81]]", answer);
        Verdict v = kind.grade(kind.check(CONV), answer);
        assertEquals(Status.FAILED, v.status());
        assertEquals("kernel_flipped", v.mistake());
        assertTrue(v.feedback().startsWith("You answered [[113, 87, 75], [114, 80, 75], [112, 73, 81]], which is what"
                + " you get when the kernel is flipped (rotated by 180°): a true convolution instead of the"
                + " cross-correlation that torch.nn.functional.conv2d computes. Expected " + C + "."), v.feedback());
        assertTrue(v.feedback().contains("How to get it: out of conv2d(x 5x5, weight 3x3, stride=1, padding=0);"
                + " conv2d is cross-correlation"), v.feedback());
    }

    @Test
    void transposedAndSamePaddedResultsAreNamed() {
        Check c = kind.check(CONV);
        assertEquals("transposed_result", kind.grade(c, "[[109, 108, 110], [92, 85, 74], [72, 74, 79]]").mistake());
        // PyTorch: F.conv2d(A, B, padding=1).
        assertEquals("padding_added", kind.grade(c, "[[66, 79, 65, 49, 35], [82, 109, 92, 72, 47], [76, 108, 85, 74, 40],"
                + " [74, 110, 74, 79, 40], [48, 80, 44, 65, 35]]").mistake());
    }

    @Test
    void oneWrongEntryIsLocated() {
        Verdict v = kind.grade(kind.check(CONV), "[[109, 93, 72], [108, 85, 74], [110, 74, 79]]");
        assertEquals(Status.FAILED, v.status());
        assertNull(v.mistake());
        assertTrue(v.feedback().startsWith("Your answer differs in 1 of 9 values; first at row 1, column 2: expected 92,"
                + " got 93 (tolerance abs 1e-06, rel 1e-06). Expected " + C + "."), v.feedback());
    }

    @Test
    void wrongShapeIsSaid() {
        Verdict v = kind.grade(kind.check(CONV), "[[1, 2], [3, 4]]");
        assertTrue(v.feedback().startsWith("Your answer is 2x2; expected 3x3. Expected " + C), v.feedback());
    }

    @Test
    void nanInTheAnswerIsWrongAndSaid() {
        Verdict v = kind.grade(kind.check(CONV), "[[.nan, 92, 72], [108, 85, 74], [110, 74, nan]]");
        assertEquals(Status.FAILED, v.status());
        assertTrue(v.feedback().contains("differs in 2 of 9 values; first at row 1, column 1: expected 109, got NaN"),
                v.feedback());
        assertTrue(v.feedback().contains("Your answer contains NaN, which equals no number."), v.feedback());
    }

    @Test
    void malformedAnswersSayWhatIsWrongAndWhere() {
        Check c = kind.check(CONV);
        assertEquals("answers.yaml:1: The answer is ragged: row 2 has 2 entries but row 1 has 3; every row needs the"
                + " same length.", assertThrows(AnswerFormatException.class,
                () -> kind.grade(c, "[[1, 2, 3], [4, 5]]")).getMessage());
        assertTrue(assertThrows(AnswerFormatException.class, () -> kind.grade(c, "[[1, 2], 3]")).getMessage()
                .contains("row 2 is a number but the first entry at that depth is a list"));
        assertTrue(assertThrows(AnswerFormatException.class, () -> kind.grade(c, "[[1, two], [3, 4]]")).getMessage()
                .contains("'two' is not a number"));
        assertTrue(assertThrows(AnswerFormatException.class, () -> kind.grade(c, "\"[[1, 2], [3, 4]\"")).getMessage()
                .contains("'[' is never closed"));
        assertTrue(assertThrows(AnswerFormatException.class, () -> kind.grade(c, "[]")).getMessage()
                .contains("is an empty list"));
    }

    @Test
    void gradientOfAForAllOnesUpstreamAndItsMistakes() {
        Check c = kind.check(GRAD_X + """
                mistakes:
                  - {name: coverage_counts_only, inputs: {weight: {fill: 1}}, explanation: B is treated as all ones}
                """);
        // PyTorch: A.grad after F.conv2d(A, B).sum().backward().
        assertEquals(Status.PASSED, kind.grade(c, "[[4, 7, 10, 6, 3], [9, 17, 25, 16, 8], [11, 23, 34, 23, 11],"
                + " [7, 16, 24, 17, 8], [2, 6, 9, 7, 3]]").status());
        // PyTorch: the same with B.flip(-1, -2).
        assertEquals("kernel_not_flipped_in_backward", kind.grade(c, "[[3, 7, 9, 6, 2], [8, 17, 24, 16, 7],"
                + " [11, 23, 34, 23, 11], [8, 16, 25, 17, 9], [3, 6, 10, 7, 4]]").mistake());
        // PyTorch: B.grad.
        assertEquals("grad_weight_instead_of_grad_x", kind.grade(c, "[[30, 24, 19], [29, 21, 21], [30, 19, 21]]").mistake());
        assertEquals("coverage_counts_only", kind.grade(c, "[[1, 2, 3, 2, 1], [2, 4, 6, 4, 2], [3, 6, 9, 6, 3],"
                + " [2, 4, 6, 4, 2], [1, 2, 3, 2, 1]]").mistake());
    }

    @Test
    void maxPoolOfCAndTheStrideMistake() {
        Check c = kind.check(POOL);
        assertEquals("[[109, 92], [110, 85]]", c.expected().value());
        assertEquals(Status.PASSED, kind.grade(c, "[[109, 92], [110, 85]]").status());
        // PyTorch: F.max_pool2d(C, 2) (stride 2 by default).
        Verdict v = kind.grade(c, "[[109]]");
        assertEquals("stride_ignored", v.mistake());
        assertTrue(v.feedback().contains("the windows move by the kernel size (PyTorch's default stride) instead of by 1"));
        assertEquals("109", TensorText.format(((TensorCheck) c).mistakes().stream()
                .filter(m -> m.name().equals("stride_ignored")).findFirst().orElseThrow().value()));
    }

    @Test
    void acceptedEntriesComeFirstAndHideTheSameBuiltIn() {
        Check c = kind.check(CONV + """
                accept:
                  - name: the true convolution
                    inputs: {weight: [[3, 4, 2], [5, 5, 5], [3, 3, 4]]}
                    credit: 0.5
                    explanation: the course's lecture notes flip the kernel
                """);
        Verdict v = kind.grade(c, "[[113, 87, 75], [114, 80, 75], [112, 73, 81]]");
        assertEquals(0.5, v.credit());
        assertTrue(v.feedback().contains("which is accepted as the true convolution (the course's lecture notes flip"
                + " the kernel). It earns 50% of the points"), v.feedback());
        assertTrue(((TensorCheck) c).mistakes().stream().noneMatch(m -> m.name().equals("kernel_flipped")));
    }

    private void assertProblem(String yaml, String expected) {
        String msg = kind.problemText(yaml);
        assertTrue(msg.contains(expected), msg);
    }

    @Test
    void rubricProblemsNameTheField() {
        assertProblem(CONV.replace("stride: 1", "strides: 1"), "2: params.strides: unknown parameter 'strides' (did you"
                + " mean 'stride'?); known: stride, padding, dilation, groups");
        assertProblem(CONV.replace("weight:", "wieght:"), "5: inputs.wieght: unknown input 'wieght' (did you mean"
                + " 'weight'?); known: x, weight, bias, grad_out");
        assertProblem(CONV.replace("stride: 1", "stride: two"), "2: params.stride: expected an int or [h, w], got \"two\"");
        assertProblem(CONV + "output: grad_x\n", "6: output: conv2d gives no output 'grad_x' (gradients need"
                + " inputs.grad_out, e.g. grad_out: {fill: 1}); it gives out");
        assertProblem(CONV.replace("conv2d", "conv3d"), "1: op: unknown value 'conv3d' (did you mean 'conv2d'?)");
        assertProblem(CONV + "mistakes: [{name: same, params: {padding: 0}}]\n", "mistakes[0]: this gives " + C
                + ", which already matches the expected value, so this entry never applies");
        assertProblem(CONV.replace("stride: 1", "stride: 0"), "1: op: conv2d: stride");
        assertProblem(CONV.replace("  weight: " + B + "\n", ""), "3: inputs: weight: missing (conv2d needs x, weight)");
    }
}
