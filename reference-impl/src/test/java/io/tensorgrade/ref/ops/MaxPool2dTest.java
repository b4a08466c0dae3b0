package io.tensorgrade.ref.ops;

import static io.tensorgrade.ref.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import io.tensorgrade.ref.testing.NumericalGradient;
import io.tensorgrade.ref.testing.TorchCase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaxPool2dTest {

    static List<TorchCase> torchCases() {
        return TorchCase.load("/io/tensorgrade/ref/ops/max_pool2d.cases");
    }

    private static MaxPool2dParams params(TorchCase c) {
        return new MaxPool2dParams(c.pair("kernel_size"), c.pair("stride"), c.pair("padding"), c.pair("dilation"),
                c.flag("ceil_mode"));
    }

    private static MaxPool2dParams params(int k, int s, int p, int d, boolean ceil) {
        return new MaxPool2dParams(Pair.of(k), Pair.of(s), Pair.of(p), Pair.of(d), ceil);
    }

    @ParameterizedTest
    @MethodSource("torchCases")
    void forwardMatchesPytorch(TorchCase c) {
        // Max pooling only selects values, so the match is exact.
        assertClose(c.tensor("out"), MaxPool2d.forward(c.tensor("x"), params(c)), 0, 0);
    }

    @ParameterizedTest
    @MethodSource("torchCases")
    void backwardMatchesPytorch(TorchCase c) {
        assertClose(c.tensor("gradX"), MaxPool2d.backward(c.tensor("x"), c.tensor("gradOut"), params(c)), 1e-15, 0);
    }

    @Test
    void seed001MaxPoolOfConvolutionOutput() {
        // Seed 001, 1.2(c): max pooling (kernel 2, stride 1) of C = A conv B; values from torch 1.13.
        Tensor c = Tensor.of(new double[] {109, 92, 72, 108, 85, 74, 110, 74, 79}, 1, 1, 3, 3);
        MaxPool2dParams p = MaxPool2dParams.of(2, 1);
        assertClose(Tensor.of(new double[] {109, 92, 110, 85}, 1, 1, 2, 2), MaxPool2d.forward(c, p), 0, 0);
        assertClose(Tensor.of(new double[] {1, 1, 0, 0, 1, 0, 1, 0, 0}, 1, 1, 3, 3),
                MaxPool2d.backward(c, Tensor.full(1, 1, 1, 2, 2), p), 0, 0);
    }

    @Test
    void maxPoolPicksFirstMaxOnTies() {
        // torch 1.13: every window of a constant plane sends its gradient to its top-left element.
        MaxPool2dParams p = MaxPool2dParams.of(2, 1);
        assertClose(Tensor.of(new double[] {1, 1, 0, 1, 1, 0, 0, 0, 0}, 1, 1, 3, 3),
                MaxPool2d.backward(Tensor.full(1, 1, 1, 3, 3), Tensor.full(1, 1, 1, 2, 2), p), 0, 0);
        // Maximum at (0, 1) and (1, 0): row-major scan reaches (0, 1) first.
        Tensor diag = Tensor.of(new double[] {0, 5, 5, 0}, 1, 1, 2, 2);
        assertClose(Tensor.of(new double[] {0, 1, 0, 0}, 1, 1, 2, 2),
                MaxPool2d.backward(diag, Tensor.full(1, 1, 1, 1, 1), MaxPool2dParams.of(2, 2)), 0, 0);
    }

    @Test
    void maxPoolTiesWithPaddingMatchPytorch() {
        Tensor x = Tensor.of(new double[] {3, 1, 3, 2, 0, 3, 1, 3, 2, 2, 2, 2}, 1, 1, 3, 4);
        MaxPool2dParams p = params(2, 1, 1, 1, true);
        double[] g = new double[20];
        for (int i = 0; i < g.length; i++) {
            g[i] = i + 1;
        }
        assertClose(Tensor.of(new double[] {3, 3, 3, 3, 2, 3, 3, 3, 3, 3, 2, 3, 3, 3, 3, 2, 2, 2, 2, 2}, 1, 1, 4, 5),
                MaxPool2d.forward(x, p), 0, 0);
        assertClose(Tensor.of(new double[] {16, 0, 24, 5, 0, 25, 0, 39, 44, 18, 19, 20}, 1, 1, 3, 4),
                MaxPool2d.backward(x, Tensor.wrap(g, 1, 1, 4, 5), p), 0, 0);
    }

    @Test
    void maxPoolPropagatesNanAndSendsGradientToLastNanLikePytorch() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN, 2, Double.NaN}, 1, 1, 1, 4);
        MaxPool2dParams p = new MaxPool2dParams(new Pair(1, 4), null, Pair.of(0), Pair.of(1), false);
        assertTrue(Double.isNaN(MaxPool2d.forward(x, p).item()));
        assertClose(Tensor.of(new double[] {0, 0, 0, 1}, 1, 1, 1, 4),
                MaxPool2d.backward(x, Tensor.full(1, 1, 1, 1, 1), p), 0, 0);
    }

    @Test
    void allNegativeInfinityWindowsPickTheirFirstElementLikePytorch() {
        Tensor x = Tensor.full(Double.NEGATIVE_INFINITY, 1, 1, 1, 4);
        MaxPool2dParams p = new MaxPool2dParams(new Pair(1, 2), Pair.of(1), new Pair(0, 1), Pair.of(1), false);
        assertClose(Tensor.full(Double.NEGATIVE_INFINITY, 1, 1, 1, 5), MaxPool2d.forward(x, p), 0, 0);
        assertClose(Tensor.of(new double[] {2, 1, 1, 1}, 1, 1, 1, 4),
                MaxPool2d.backward(x, Tensor.full(1, 1, 1, 1, 5), p), 0, 0);
    }

    static Stream<Arguments> gradientConfigs() {
        return Stream.of(
                Arguments.of("k2_s2", new int[] {2, 2, 6, 6}, params(2, 2, 0, 1, false)),
                Arguments.of("k3_s2_p1_ceil", new int[] {1, 2, 7, 6}, params(3, 2, 1, 1, true)),
                Arguments.of("k3_s1_p1_dilation2", new int[] {1, 1, 7, 8}, params(3, 1, 1, 2, false)),
                Arguments.of("asymmetric", new int[] {2, 1, 6, 9},
                        new MaxPool2dParams(new Pair(2, 3), new Pair(1, 2), new Pair(1, 0), new Pair(1, 2), true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientConfigs")
    void backwardMatchesNumericalGradient(String name, int[] shape, MaxPool2dParams p) {
        // Random doubles have no ties, so the maximum is locally unique and differentiable.
        Tensor x = NumericalGradient.random(21, shape);
        Tensor gradOut = NumericalGradient.random(22, MaxPool2d.forward(x, p).shape());
        assertClose(NumericalGradient.of(t -> MaxPool2d.forward(t, p), x, gradOut),
                MaxPool2d.backward(x, gradOut, p), 1e-8, 1e-6);
    }

    @Test
    void ceilModeDropsAWindowThatWouldStartInTheRightPadding() {
        // in 5, kernel 2, stride 2, padding 1: ceil gives 4 windows, the 4th would start at 6 >= 5 + 1.
        assertArrayEquals(new int[] {1, 1, 3, 3}, MaxPool2d.forward(Tensor.zeros(1, 1, 5, 5), params(2, 2, 1, 1, true)).shape());
        assertArrayEquals(new int[] {1, 1, 4, 4}, MaxPool2d.forward(Tensor.zeros(1, 1, 6, 6), params(3, 2, 1, 1, true)).shape());
        assertArrayEquals(new int[] {1, 1, 3, 3}, MaxPool2d.forward(Tensor.zeros(1, 1, 6, 6), params(3, 2, 1, 1, false)).shape());
    }

    @Test
    void unbatchedAndEmptyBatchInputsKeepTheirLayout() {
        assertArrayEquals(new int[] {1, 2, 2}, MaxPool2d.forward(Tensor.zeros(1, 4, 4), MaxPool2dParams.of(2, 2)).shape());
        assertArrayEquals(new int[] {0, 1, 2, 2},
                MaxPool2d.forward(Tensor.zeros(0, 1, 4, 4), MaxPool2dParams.of(2, 2)).shape());
    }

    @Test
    void nullStrideMeansKernelSize() {
        MaxPool2dParams p = new MaxPool2dParams(Pair.of(3), null, Pair.of(0), Pair.of(1), false);
        assertEquals(Pair.of(3), p.stride());
    }

    private static void assertFails(String message, Executable e) {
        assertEquals(message, assertThrows(RefException.class, e).getMessage());
    }

    @Test
    void invalidParamsFailNamingTheArgument() {
        assertFails("max_pool2d: kernel_size=0 must be positive", () -> params(0, 1, 0, 1, false));
        assertFails("max_pool2d: stride=(1, 0) must be positive",
                () -> new MaxPool2dParams(Pair.of(2), new Pair(1, 0), Pair.of(0), Pair.of(1), false));
        assertFails("max_pool2d: padding=-1 must be non-negative", () -> params(2, 1, -1, 1, false));
        assertFails("max_pool2d: dilation=0 must be positive", () -> params(2, 1, 0, 0, false));
        // PyTorch compares padding with the undilated kernel: pad=2, kernel_size=2 fails even with dilation 3.
        assertFails("max_pool2d: padding=2 must be at most half of kernel_size=2", () -> params(2, 1, 2, 3, false));
    }

    @Test
    void badInputsFailNamingTheShape() {
        assertFails("max_pool2d: kernel 5x5 (dilated) is larger than the padded input 4x4 (output size would be 0x0)",
                () -> MaxPool2d.forward(Tensor.zeros(1, 1, 4, 4), MaxPool2dParams.of(5, 1)));
        assertFails("max_pool2d: kernel 7x7 (dilated) is larger than the padded input 4x4 (output size would be -2x-2)",
                () -> MaxPool2d.forward(Tensor.zeros(1, 1, 4, 4), params(3, 1, 0, 3, false)));
        assertFails("max_pool2d: input must be 3-D (C, H, W) or 4-D (N, C, H, W), got shape [4, 4]",
                () -> MaxPool2d.forward(Tensor.zeros(4, 4), MaxPool2dParams.of(2, 2)));
        assertFails("max_pool2d: input shape [1, 0, 4, 4] has an empty dimension 1; only the batch dimension may be 0",
                () -> MaxPool2d.forward(Tensor.zeros(1, 0, 4, 4), MaxPool2dParams.of(2, 2)));
        assertFails("max_pool2d: gradOut has shape [1, 1, 2, 2], expected [1, 1, 3, 3] (the output shape)",
                () -> MaxPool2d.backward(Tensor.zeros(1, 1, 4, 4), Tensor.zeros(1, 1, 2, 2), MaxPool2dParams.of(2, 1)));
    }
}
