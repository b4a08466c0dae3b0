package io.tensorgrade.ref.ops;

import static io.tensorgrade.ref.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

class AdaptiveAvgPool2dTest {
    private static final double TOL = 1e-12;

    static List<TorchCase> torchCases() {
        return TorchCase.load("/io/tensorgrade/ref/ops/adaptive_avg_pool2d.cases");
    }

    @ParameterizedTest
    @MethodSource("torchCases")
    void forwardMatchesPytorch(TorchCase c) {
        assertClose(c.tensor("out"), AdaptiveAvgPool2d.forward(c.tensor("x"), c.pair("output_size")), TOL);
    }

    @ParameterizedTest
    @MethodSource("torchCases")
    void backwardMatchesPytorch(TorchCase c) {
        assertClose(c.tensor("gradX"),
                AdaptiveAvgPool2d.backward(c.tensor("x"), c.tensor("gradOut"), c.pair("output_size")), TOL);
    }

    @Test
    void nonDivisibleSizesUseFloorStartAndCeilEnd() {
        // 5x7 -> 3x4: rows [0,2) [1,4) [3,5), columns [0,2) [1,4) [3,6) [5,7). Values from torch 1.13.
        double[] d = new double[35];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        Tensor x = Tensor.wrap(d, 1, 1, 5, 7);
        assertClose(Tensor.of(new double[] {4, 5.5, 7.5, 9, 14.5, 16, 18, 19.5, 25, 26.5, 28.5, 30}, 1, 1, 3, 4),
                AdaptiveAvgPool2d.forward(x, new Pair(3, 4)), TOL);
        Tensor g = AdaptiveAvgPool2d.backward(x, Tensor.full(1, 1, 1, 3, 4), new Pair(3, 4));
        // Row 1 and column 1 lie in two windows each: 1/4 + 1/6 + 1/6 + 1/9.
        assertClose(Tensor.scalar(0.6944444444444444), Tensor.scalar(g.get(0, 0, 1, 1)), TOL);
        assertClose(Tensor.scalar(0.25), Tensor.scalar(g.get(0, 0, 0, 0)), TOL);
    }

    static Stream<Arguments> gradientConfigs() {
        return Stream.of(
                Arguments.of(new int[] {2, 2, 5, 7}, new Pair(3, 4)),
                Arguments.of(new int[] {1, 1, 4, 4}, new Pair(7, 5)),
                Arguments.of(new int[] {1, 3, 6, 6}, Pair.of(1)));
    }

    @ParameterizedTest
    @MethodSource("gradientConfigs")
    void backwardMatchesNumericalGradient(int[] shape, Pair outputSize) {
        Tensor x = NumericalGradient.random(41, shape);
        Tensor gradOut = NumericalGradient.random(42, AdaptiveAvgPool2d.forward(x, outputSize).shape());
        assertClose(NumericalGradient.of(t -> AdaptiveAvgPool2d.forward(t, outputSize), x, gradOut),
                AdaptiveAvgPool2d.backward(x, gradOut, outputSize), 1e-8, 1e-6);
    }

    @Test
    void zeroOutputSizeGivesEmptyOutputLikePytorch() {
        assertArrayEquals(new int[] {1, 1, 0, 0}, AdaptiveAvgPool2d.forward(Tensor.zeros(1, 1, 4, 4), Pair.of(0)).shape());
    }

    @Test
    void unbatchedInputGivesUnbatchedOutput() {
        assertArrayEquals(new int[] {2, 3, 3}, AdaptiveAvgPool2d.forward(Tensor.zeros(2, 5, 5), Pair.of(3)).shape());
    }

    private static void assertFails(String message, Executable e) {
        assertEquals(message, assertThrows(RefException.class, e).getMessage());
    }

    @Test
    void badArgumentsFailNamingThem() {
        assertFails("adaptive_avg_pool2d: output_size=(-1, 2) must be non-negative",
                () -> AdaptiveAvgPool2d.forward(Tensor.zeros(1, 1, 4, 4), new Pair(-1, 2)));
        assertFails("adaptive_avg_pool2d: input must be 3-D (C, H, W) or 4-D (N, C, H, W), got shape [4, 4]",
                () -> AdaptiveAvgPool2d.forward(Tensor.zeros(4, 4), Pair.of(2)));
        assertFails("adaptive_avg_pool2d: input shape [1, 1, 0, 4] has an empty dimension 2; only the batch dimension may be 0",
                () -> AdaptiveAvgPool2d.forward(Tensor.zeros(1, 1, 0, 4), Pair.of(2)));
        assertFails("adaptive_avg_pool2d: gradOut has shape [1, 1, 2, 2], expected [1, 1, 3, 3] (the output shape)",
                () -> AdaptiveAvgPool2d.backward(Tensor.zeros(1, 1, 4, 4), Tensor.zeros(1, 1, 2, 2), Pair.of(3)));
    }
}
