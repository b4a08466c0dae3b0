package io.tensorgrade.ref.ops;

import static io.tensorgrade.ref.testing.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

class Conv2dTest {
    private static final double TOL = 1e-12;

    // Seed 001 (DS-GA 1008 HW2, 1.1): image A (5x5) and kernel B (3x3).
    private static final Tensor SEED_A = Tensor.of(new double[] {
        4, 5, 2, 2, 1,
        3, 3, 2, 2, 4,
        4, 3, 4, 1, 1,
        5, 1, 4, 1, 2,
        5, 1, 3, 1, 4}, 1, 1, 5, 5);
    private static final Tensor SEED_B = Tensor.of(new double[] {
        4, 3, 3,
        5, 5, 5,
        2, 4, 3}, 1, 1, 3, 3);

    static List<TorchCase> torchCases() {
        return TorchCase.load("/io/tensorgrade/ref/ops/conv2d.cases");
    }

    private static Conv2dParams params(TorchCase c) {
        return new Conv2dParams(c.pair("stride"), c.pair("padding"), c.pair("dilation"), c.integer("groups"));
    }

    @ParameterizedTest
    @MethodSource("torchCases")
    void forwardMatchesPytorch(TorchCase c) {
        Tensor bias = c.has("bias") ? c.tensor("bias") : null;
        assertClose(c.tensor("out"), Conv2d.forward(c.tensor("x"), c.tensor("weight"), bias, params(c)), TOL);
    }

    @ParameterizedTest
    @MethodSource("torchCases")
    void backwardMatchesPytorch(TorchCase c) {
        ConvGrads g = Conv2d.backward(c.tensor("x"), c.tensor("weight"), c.has("bias"), c.tensor("gradOut"), params(c));
        assertClose(c.tensor("gradX"), g.gradX(), TOL);
        assertClose(c.tensor("gradWeight"), g.gradWeight(), TOL);
        if (c.has("bias")) {
            assertClose(c.tensor("gradBias"), g.gradBias(), TOL);
        } else {
            assertNull(g.gradBias());
        }
    }

    @Test
    void seed001ConvolutionMatchesHomeworkAnswer() {
        Tensor c = Conv2d.forward(SEED_A, SEED_B, null, Conv2dParams.defaults());
        assertClose(Tensor.of(new double[] {109, 92, 72, 108, 85, 74, 110, 74, 79}, 1, 1, 3, 3), c, 0, 0);
    }

    @Test
    void seed001GradientsForAllOnesUpstreamMatchPytorch() {
        ConvGrads g = Conv2d.backward(SEED_A, SEED_B, false, Tensor.full(1, 1, 1, 3, 3), Conv2dParams.defaults());
        // dE/dA from torch 1.13: how many times, with which weights, the kernel covers each pixel.
        assertClose(Tensor.of(new double[] {
            4, 7, 10, 6, 3,
            9, 17, 25, 16, 8,
            11, 23, 34, 23, 11,
            7, 16, 24, 17, 8,
            2, 6, 9, 7, 3}, 1, 1, 5, 5), g.gradX(), 0, 0);
        assertClose(Tensor.of(new double[] {30, 24, 19, 29, 21, 21, 30, 19, 21}, 1, 1, 3, 3), g.gradWeight(), 0, 0);
        assertNull(g.gradBias());
    }

    static Stream<Arguments> gradientConfigs() {
        return Stream.of(
                Arguments.of("plain", new int[] {2, 3, 5, 6}, new int[] {4, 3, 3, 3}, Conv2dParams.defaults()),
                Arguments.of("stride2_padding1", new int[] {1, 2, 7, 6}, new int[] {3, 2, 3, 3},
                        Conv2dParams.of(2, 1, 1, 1)),
                Arguments.of("asymmetric", new int[] {1, 2, 6, 7}, new int[] {2, 2, 2, 3},
                        new Conv2dParams(new Pair(1, 2), new Pair(2, 0), new Pair(2, 1), 1)),
                Arguments.of("groups2_dilation2", new int[] {2, 4, 7, 7}, new int[] {6, 2, 3, 3},
                        Conv2dParams.of(1, 2, 2, 2)),
                Arguments.of("stride3_skips", new int[] {1, 1, 8, 8}, new int[] {2, 1, 2, 2},
                        Conv2dParams.of(3, 0, 1, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientConfigs")
    void backwardMatchesNumericalGradient(String name, int[] xShape, int[] wShape, Conv2dParams p) {
        Tensor x = NumericalGradient.random(1, xShape);
        Tensor w = NumericalGradient.random(2, wShape);
        Tensor b = NumericalGradient.random(3, wShape[0]);
        Tensor out = Conv2d.forward(x, w, b, p);
        Tensor gradOut = NumericalGradient.random(4, out.shape());
        ConvGrads g = Conv2d.backward(x, w, true, gradOut, p);
        assertClose(NumericalGradient.of(t -> Conv2d.forward(t, w, b, p), x, gradOut), g.gradX(), 1e-7, 1e-6);
        assertClose(NumericalGradient.of(t -> Conv2d.forward(x, t, b, p), w, gradOut), g.gradWeight(), 1e-7, 1e-6);
        assertClose(NumericalGradient.of(t -> Conv2d.forward(x, w, t, p), b, gradOut), g.gradBias(), 1e-7, 1e-6);
    }

    @Test
    void unbatchedInputGivesUnbatchedOutputAndGradient() {
        Tensor x = NumericalGradient.random(5, 2, 5, 5);
        Tensor w = NumericalGradient.random(6, 3, 2, 3, 3);
        Tensor out = Conv2d.forward(x, w, null, Conv2dParams.defaults());
        Tensor batched = Conv2d.forward(x.reshape(1, 2, 5, 5), w, null, Conv2dParams.defaults());
        assertArrayEquals(new int[] {3, 3, 3}, out.shape());
        assertArrayEquals(batched.rawData(), out.rawData());
        assertArrayEquals(new int[] {2, 5, 5},
                Conv2d.backward(x, w, false, out, Conv2dParams.defaults()).gradX().shape());
    }

    @Test
    void emptyBatchGivesEmptyOutputLikePytorch() {
        Tensor out = Conv2d.forward(Tensor.zeros(0, 4, 5, 5), Tensor.full(1, 3, 4, 3, 3), null, Conv2dParams.defaults());
        assertArrayEquals(new int[] {0, 3, 3, 3}, out.shape());
    }

    @Test
    void alexNetFirstLayerHasTorchvisionOutputShape() {
        Tensor x = NumericalGradient.random(7, 1, 3, 224, 224);
        Tensor w = NumericalGradient.random(8, 64, 3, 11, 11);
        Tensor out = Conv2d.forward(x, w, null, Conv2dParams.of(4, 2, 1, 1));
        assertArrayEquals(new int[] {1, 64, 55, 55}, out.shape());
    }

    @Test
    void inputsAreNotMutated() {
        Tensor x = NumericalGradient.random(9, 1, 2, 4, 4);
        Tensor w = NumericalGradient.random(10, 2, 2, 3, 3);
        Tensor b = NumericalGradient.random(11, 2);
        Tensor g = NumericalGradient.random(12, 1, 2, 4, 4);
        Tensor[] copies = {x.reshape(x.shape()), w.reshape(w.shape()), b.reshape(b.shape()), g.reshape(g.shape())};
        Conv2dParams p = Conv2dParams.of(1, 1, 1, 1);
        Conv2d.forward(x, w, b, p);
        Conv2d.backward(x, w, true, g, p);
        assertEquals(List.of(copies), List.of(x, w, b, g));
    }

    private static void assertFails(String message, Executable e) {
        assertEquals(message, assertThrows(RefException.class, e).getMessage());
    }

    @Test
    void kernelLargerThanPaddedInputFailsWithSizes() {
        assertFails("conv2d: kernel 5x5 (dilated) is larger than the padded input 4x4 (output size would be 0x0)",
                () -> Conv2d.forward(Tensor.zeros(1, 1, 4, 4), Tensor.zeros(1, 1, 3, 3), null,
                        Conv2dParams.of(1, 0, 2, 1)));
        assertFails("conv2d: kernel 5x5 (dilated) is larger than the padded input 4x6 (output size would be 0x2)",
                () -> Conv2d.forward(Tensor.zeros(1, 1, 4, 4), Tensor.zeros(1, 1, 5, 5), null,
                        new Conv2dParams(Pair.of(1), new Pair(0, 1), Pair.of(1), 1)));
    }

    @Test
    void channelMismatchesFailNamingGroupsAndChannels() {
        assertFails("conv2d: groups=3 does not divide in_channels=4",
                () -> Conv2d.forward(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(6, 1, 3, 3), null, Conv2dParams.of(1, 0, 1, 3)));
        assertFails("conv2d: groups=2 does not divide out_channels=3 (weight [3, 2, 3, 3])",
                () -> Conv2d.forward(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(3, 2, 3, 3), null, Conv2dParams.of(1, 0, 1, 2)));
        assertFails("conv2d: weight [3, 3, 3, 3] with groups=1 expects 3 input channels, input [1, 4, 5, 5] has 4",
                () -> Conv2d.forward(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(3, 3, 3, 3), null, Conv2dParams.defaults()));
    }

    @Test
    void badShapesFailNamingTheShape() {
        assertFails("conv2d: bias must have shape [3] (out_channels), got [2]",
                () -> Conv2d.forward(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(3, 4, 3, 3), Tensor.zeros(2),
                        Conv2dParams.defaults()));
        assertFails("conv2d: input must be 3-D (C, H, W) or 4-D (N, C, H, W), got shape [5, 5]",
                () -> Conv2d.forward(Tensor.zeros(5, 5), Tensor.zeros(3, 4, 3, 3), null, Conv2dParams.defaults()));
        assertFails("conv2d: weight must be 4-D (out_channels, in_channels/groups, kH, kW), got shape [3, 4, 3]",
                () -> Conv2d.forward(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(3, 4, 3), null, Conv2dParams.defaults()));
        assertFails("conv2d: gradOut has shape [1, 3, 3, 2], expected [1, 3, 3, 3] (the output shape)",
                () -> Conv2d.backward(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(3, 4, 3, 3), false,
                        Tensor.zeros(1, 3, 3, 2), Conv2dParams.defaults()));
    }

    @Test
    void invalidParamsFailNamingTheArgument() {
        assertFails("conv2d: stride=(0, 1) must be positive",
                () -> new Conv2dParams(new Pair(0, 1), Pair.of(0), Pair.of(1), 1));
        assertFails("conv2d: padding=-1 must be non-negative", () -> Conv2dParams.of(1, -1, 1, 1));
        assertFails("conv2d: dilation=0 must be positive", () -> Conv2dParams.of(1, 0, 0, 1));
        assertFails("conv2d: groups=0 must be positive", () -> Conv2dParams.of(1, 0, 1, 0));
        assertFails("conv2d: stride must not be null", () -> new Conv2dParams(null, Pair.of(0), Pair.of(1), 1));
    }
}
