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

class AvgPool2dTest {
    private static final double TOL = 1e-12;

    static List<TorchCase> torchCases() {
        return TorchCase.load("/io/tensorgrade/ref/ops/avg_pool2d.cases");
    }

    private static AvgPool2dParams params(TorchCase c) {
        Integer divisor = c.has("divisor_override") ? c.integer("divisor_override") : null;
        return new AvgPool2dParams(c.pair("kernel_size"), c.pair("stride"), c.pair("padding"), c.flag("ceil_mode"),
                c.flag("count_include_pad"), divisor);
    }

    private static AvgPool2dParams params(int k, int s, int p, boolean ceil, boolean includePad, Integer divisor) {
        return new AvgPool2dParams(Pair.of(k), Pair.of(s), Pair.of(p), ceil, includePad, divisor);
    }

    private static Tensor arange(int... shape) {
        Tensor t = Tensor.zeros(shape);
        double[] d = new double[t.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return Tensor.wrap(d, shape);
    }

    @ParameterizedTest
    @MethodSource("torchCases")
    void forwardMatchesPytorch(TorchCase c) {
        assertClose(c.tensor("out"), AvgPool2d.forward(c.tensor("x"), params(c)), TOL);
    }

    @ParameterizedTest
    @MethodSource("torchCases")
    void backwardMatchesPytorch(TorchCase c) {
        assertClose(c.tensor("gradX"), AvgPool2d.backward(c.tensor("x"), c.tensor("gradOut"), params(c)), TOL);
    }

    @Test
    void ceilModeWindowsAreClippedToInputPlusPaddingForTheDivisor() {
        // in 4, kernel 5, stride 3, padding 2, ceil: both windows are clipped to [.., 4 + 2), so 5x5 = 25
        // with count_include_pad, and only the 3x3 real elements without. Values from torch 1.13.
        Tensor x = arange(1, 1, 4, 4);
        assertClose(Tensor.of(new double[] {1.8, 2.16, 3.24, 3.6}, 1, 1, 2, 2),
                AvgPool2d.forward(x, params(5, 3, 2, true, true, null)), TOL);
        assertClose(Tensor.of(new double[] {5, 6, 9, 10}, 1, 1, 2, 2),
                AvgPool2d.forward(x, params(5, 3, 2, true, false, null)), TOL);
        assertClose(Tensor.of(new double[] {
            0.04, 0.08, 0.08, 0.04, 0.08, 0.16, 0.16, 0.08, 0.08, 0.16, 0.16, 0.08, 0.04, 0.08, 0.08, 0.04}, 1, 1, 4, 4),
                AvgPool2d.backward(x, Tensor.full(1, 1, 1, 2, 2), params(5, 3, 2, true, true, null)), TOL);
    }

    @Test
    void countIncludePadFalseDividesBorderWindowsByTheirRealElements() {
        // in 5, kernel 2, stride 2, padding 1, ceil: the 4th window would start in the right padding
        // and is dropped; border windows hold 1 or 2 real elements. Values from torch 1.13.
        Tensor x = arange(1, 1, 5, 5);
        assertClose(Tensor.of(new double[] {0, 0.75, 1.75, 3.75, 9, 11, 8.75, 19, 21}, 1, 1, 3, 3),
                AvgPool2d.forward(x, params(2, 2, 1, true, true, null)), TOL);
        assertClose(Tensor.of(new double[] {0, 1.5, 3.5, 7.5, 9, 11, 17.5, 19, 21}, 1, 1, 3, 3),
                AvgPool2d.forward(x, params(2, 2, 1, true, false, null)), TOL);
    }

    @Test
    void divisorOverrideReplacesEveryDivisor() {
        assertClose(Tensor.of(new double[] {2.5, 6, 2.5, 12.75, 22.5, 8.25, 6.25, 10.5, 3.75}, 1, 1, 3, 3),
                AvgPool2d.forward(arange(1, 1, 4, 4), params(3, 2, 1, true, true, 4)), TOL);
    }

    static Stream<Arguments> gradientConfigs() {
        return Stream.of(
                Arguments.of("k2_s2", new int[] {2, 2, 6, 6}, params(2, 2, 0, false, true, null)),
                Arguments.of("k3_s2_p1_ceil_include_pad", new int[] {1, 2, 7, 6}, params(3, 2, 1, true, true, null)),
                Arguments.of("k3_s2_p1_ceil_exclude_pad", new int[] {1, 2, 7, 6}, params(3, 2, 1, true, false, null)),
                Arguments.of("divisor_override", new int[] {1, 1, 5, 5}, params(3, 1, 1, false, false, 7)),
                Arguments.of("asymmetric", new int[] {2, 1, 6, 9},
                        new AvgPool2dParams(new Pair(2, 3), new Pair(1, 2), new Pair(1, 0), true, false, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientConfigs")
    void backwardMatchesNumericalGradient(String name, int[] shape, AvgPool2dParams p) {
        Tensor x = NumericalGradient.random(31, shape);
        Tensor gradOut = NumericalGradient.random(32, AvgPool2d.forward(x, p).shape());
        assertClose(NumericalGradient.of(t -> AvgPool2d.forward(t, p), x, gradOut),
                AvgPool2d.backward(x, gradOut, p), 1e-8, 1e-6);
    }

    @Test
    void unbatchedInputGivesUnbatchedOutput() {
        assertArrayEquals(new int[] {2, 2, 2}, AvgPool2d.forward(Tensor.zeros(2, 4, 4), AvgPool2dParams.of(2, 2)).shape());
    }

    @Test
    void nullStrideMeansKernelSize() {
        assertEquals(new Pair(2, 3), new AvgPool2dParams(new Pair(2, 3), null, Pair.of(0), false, true, null).stride());
    }

    private static void assertFails(String message, Executable e) {
        assertEquals(message, assertThrows(RefException.class, e).getMessage());
    }

    @Test
    void invalidParamsFailNamingTheArgument() {
        assertFails("avg_pool2d: kernel_size=(2, 0) must be positive",
                () -> new AvgPool2dParams(new Pair(2, 0), null, Pair.of(0), false, true, null));
        assertFails("avg_pool2d: stride=0 must be positive", () -> params(2, 0, 0, false, true, null));
        assertFails("avg_pool2d: padding=-1 must be non-negative", () -> params(2, 1, -1, false, true, null));
        assertFails("avg_pool2d: padding=2 must be at most half of kernel_size=3", () -> params(3, 1, 2, false, true, null));
        assertFails("avg_pool2d: divisor_override=0 must not be zero", () -> params(2, 2, 0, false, true, 0));
    }

    @Test
    void badInputsFailNamingTheShape() {
        assertFails("avg_pool2d: kernel 5x5 is larger than the padded input 4x4 (output size would be 0x0)",
                () -> AvgPool2d.forward(Tensor.zeros(1, 1, 4, 4), AvgPool2dParams.of(5, 1)));
        assertFails("avg_pool2d: input must be 3-D (C, H, W) or 4-D (N, C, H, W), got shape [1, 1, 1, 4, 4]",
                () -> AvgPool2d.forward(Tensor.zeros(1, 1, 1, 4, 4), AvgPool2dParams.of(2, 2)));
        assertFails("avg_pool2d: gradOut has shape [1, 1, 3, 3], expected [1, 1, 2, 2] (the output shape)",
                () -> AvgPool2d.backward(Tensor.zeros(1, 1, 4, 4), Tensor.zeros(1, 1, 3, 3), AvgPool2dParams.of(2, 2)));
    }
}
