package io.tensorgrade.ref.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.LayerSpec.AdaptiveAvgPool2d;
import io.tensorgrade.ref.net.LayerSpec.AvgPool2d;
import io.tensorgrade.ref.net.LayerSpec.BatchNorm2d;
import io.tensorgrade.ref.net.LayerSpec.Conv2d;
import io.tensorgrade.ref.net.LayerSpec.Dropout;
import io.tensorgrade.ref.net.LayerSpec.Flatten;
import io.tensorgrade.ref.net.LayerSpec.Linear;
import io.tensorgrade.ref.net.LayerSpec.MaxPool2d;
import io.tensorgrade.ref.net.LayerSpec.Relu;
import io.tensorgrade.ref.net.LayerSpec.Sigmoid;
import io.tensorgrade.ref.net.LayerSpec.Tanh;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.net.Zoo;
import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.tensor.Tensor;
import io.tensorgrade.ref.testing.TensorAssert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The float32 path agrees with the float64 reference ops for every layer kind, on both kernels. */
class InferenceModelTest {
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-5;

    private static Conv2d conv(int in, int out, int k, int s, int p, int d, int g, boolean bias) {
        return new Conv2d(in, out, Pair.of(k), Pair.of(s), Pair.of(p), Pair.of(d), g, bias);
    }

    private static NetworkSpec net(String name, LayerSpec... layers) {
        List<LayerSpec> all = new ArrayList<>(List.of(layers));
        all.add(new Flatten());
        return new NetworkSpec(name, all);
    }

    static Stream<Arguments> layerCases() {
        return Stream.of(
                net("conv-3x3-pad1", conv(3, 4, 3, 1, 1, 1, 1, true)),
                net("conv-5x5-stride2-pad2-nobias", conv(3, 5, 5, 2, 2, 1, 1, false)),
                net("conv-rect-kernel-stride", new Conv2d(3, 4, new Pair(3, 1), new Pair(1, 2), new Pair(1, 0),
                        Pair.of(1), 1, true)),
                net("conv-dilation2", conv(3, 4, 3, 1, 2, 2, 1, true)),
                net("conv-groups2", conv(3, 4, 1, 1, 0, 1, 1, true), conv(4, 6, 3, 1, 1, 1, 2, true)),
                net("conv-depthwise", conv(3, 4, 1, 1, 0, 1, 1, true), conv(4, 4, 3, 2, 1, 1, 4, true)),
                net("conv-1x1", conv(3, 17, 1, 1, 0, 1, 1, true)),
                net("conv-wide-40-out", conv(3, 40, 3, 1, 1, 1, 1, true), new Relu()),
                net("conv-wide-stride2-dilated", conv(3, 33, 3, 2, 2, 2, 1, true)),
                net("conv-wide-groups", conv(3, 4, 1, 1, 0, 1, 1, true), conv(4, 64, 3, 1, 1, 1, 2, false), new Relu()),
                net("conv-relu-fused", conv(3, 4, 3, 1, 1, 1, 1, true), new Relu()),
                net("conv-bn-relu-folded", conv(3, 6, 3, 1, 1, 1, 1, false), new BatchNorm2d(6, true), new Relu()),
                net("conv-dropout-bn-folded", conv(3, 6, 3, 1, 0, 1, 1, true), new Dropout(0.5),
                        new BatchNorm2d(6, false), new Dropout(0.2), new Relu()),
                net("bn-standalone", conv(3, 4, 3, 1, 1, 1, 1, true), new Relu(), new BatchNorm2d(4, true)),
                net("relu-sigmoid-tanh", conv(3, 4, 3, 1, 1, 1, 1, true), new Sigmoid(), new MaxPool2d(Pair.of(2),
                        Pair.of(2), Pair.of(0), Pair.of(1), false), new Relu(), new Tanh()),
                net("maxpool-2x2-odd-input", new MaxPool2d(Pair.of(2), Pair.of(2), Pair.of(0), Pair.of(1), false)),
                net("maxpool-3-stride2-pad1", new MaxPool2d(Pair.of(3), Pair.of(2), Pair.of(1), Pair.of(1), false)),
                net("maxpool-dilated-ceil", new MaxPool2d(Pair.of(2), Pair.of(2), Pair.of(1), Pair.of(2), true)),
                net("avgpool-2", new AvgPool2d(Pair.of(2), Pair.of(2), Pair.of(0), false, true)),
                net("avgpool-pad-ceil-exclude-pad", new AvgPool2d(Pair.of(3), Pair.of(2), Pair.of(1), true, false)),
                net("avgpool-pad-ceil-include-pad", new AvgPool2d(Pair.of(3), Pair.of(2), Pair.of(1), true, true)),
                net("adaptive-overlapping", new AdaptiveAvgPool2d(4, 3)),
                net("adaptive-global", conv(3, 8, 3, 1, 1, 1, 1, true), new AdaptiveAvgPool2d(1, 1)),
                new NetworkSpec("flatten-linear-relu-linear", List.of(new Flatten(), new Linear(3 * 9 * 11, 20, true),
                        new Relu(), new Dropout(0.5), new Linear(20, 7, false))),
                new NetworkSpec("conv-flatten-linear", List.of(conv(3, 5, 3, 2, 0, 1, 1, true), new Relu(),
                        new Flatten(), new Linear(5 * 4 * 5, 10, true), new Tanh())))
                .flatMap(spec -> Stream.of(Backend.JAVA, Backend.VECTOR).map(b -> Arguments.of(spec, b)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layerCases")
    void layerAgreesWithFloat64Reference(NetworkSpec spec, Backend backend) {
        assertAgrees(spec, backend, 3, 9, 11, 7, 3);
    }

    /** Stride-1 convolutions whose output rows are whole SIMD vectors, read straight from the padded input. */
    static Stream<Arguments> directCases() {
        return Stream.of(
                net("direct-3x3-pad1", conv(3, 9, 3, 1, 1, 1, 1, true), new Relu()),
                net("direct-dilated", conv(3, 4, 3, 1, 2, 2, 1, true)),
                net("direct-stride-h", new Conv2d(3, 4, Pair.of(3), new Pair(2, 1), Pair.of(1), Pair.of(1), 1, true)),
                net("direct-groups", conv(3, 4, 1, 1, 0, 1, 1, true), conv(4, 6, 3, 1, 1, 1, 2, true)),
                net("direct-no-padding", new Conv2d(3, 4, new Pair(3, 1), Pair.of(1), Pair.of(0), Pair.of(1), 1, true)))
                .flatMap(spec -> Stream.of(16, 32).map(w -> Arguments.of(spec, w)));
    }

    @ParameterizedTest(name = "{0} width {1}")
    @MethodSource("directCases")
    void directConvolutionAgreesWithFloat64Reference(NetworkSpec spec, int width) {
        // 3 images of 5 rows: an odd number of 16-wide lane groups.
        assertAgrees(spec, Backend.VECTOR, 3, 5, width, 3, 3);
    }

    static Stream<Arguments> zooCases() {
        return Stream.of("cs5242-cnn", "cs231n-three-layer")
                .flatMap(name -> Stream.of(Backend.JAVA, Backend.VECTOR).map(b -> Arguments.of(name, b)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("zooCases")
    void zooNetworkAgreesWithFloat64Reference(String name, Backend backend) {
        assertAgrees(Zoo.get(name), backend, 3, 32, 32, 5, 4);
    }

    @Test
    void resultsDoNotDependOnThreadsOrBatchSize() {
        NetworkSpec spec = Zoo.get("cs5242-cnn");
        Map<String, Tensor> sd = RandomStateDict.of(spec, 7);
        float[] x = RandomStateDict.images(8, 37, 3, 32, 32);
        InputFormat f = InputFormat.raw(3, 32, 32);
        InferenceModel one = InferenceModel.compile(spec, sd, WeightNaming.inOrder(),
                InferenceOptions.defaults().withThreads(1).withBatchSize(64));
        float[] expected = one.predict(x, 37, f);
        float[] actual = one.withOptions(InferenceOptions.defaults().withThreads(3).withBatchSize(5)).predict(x, 37, f);
        assertArrayEquals(expected, actual);
    }

    @Test
    void uint8ImagesAreScaledAndNormalisedPerChannel() {
        NetworkSpec spec = net("conv", conv(3, 4, 3, 1, 1, 1, 1, true));
        Map<String, Tensor> sd = RandomStateDict.of(spec, 3);
        byte[] pixels = new byte[2 * 3 * 5 * 5];
        float[] normalised = new float[pixels.length];
        double[] mean = {0.4914, 0.4822, 0.4465};
        double[] std = {0.2470, 0.2435, 0.2616};
        for (int i = 0; i < pixels.length; i++) {
            int v = (i * 37) % 256;
            pixels[i] = (byte) v;
            int c = (i / 25) % 3;
            normalised[i] = (float) ((v / 255.0 - mean[c]) / std[c]);
        }
        InferenceModel m = InferenceModel.compile(spec, sd, WeightNaming.inOrder());
        float[] fromBytes = m.predict(pixels, 2, InputFormat.uint8(3, 5, 5, mean, std));
        float[] fromFloats = m.predict(normalised, 2, InputFormat.raw(3, 5, 5));
        TensorAssert.assertClose(tensor(fromFloats, 2), tensor(fromBytes, 2), 1e-5, 1e-5);
    }

    @Test
    void argmaxTakesTheFirstMaximum() {
        assertArrayEquals(new int[] {1, 0, 2}, InferenceModel.argmax(new float[] {0, 3, 3, 5, 1, 5, -1, -2, 0}, 3));
    }

    @Test
    void outputSizeIsTheNumberOfClasses() {
        NetworkSpec spec = Zoo.get("cs5242-cnn");
        InferenceModel m = InferenceModel.compile(spec, RandomStateDict.of(spec, 1), WeightNaming.inOrder());
        assertEquals(10, m.outputSize(InputFormat.raw(3, 32, 32)));
    }

    private static void assertAgrees(NetworkSpec spec, Backend backend, int c, int h, int w, int n, int batch) {
        assumeTrue(backend != Backend.VECTOR || Kernels.vectorAvailable(), "JVM without jdk.incubator.vector");
        Map<String, Tensor> sd = RandomStateDict.of(spec, spec.name().hashCode());
        float[] x = RandomStateDict.images(42, n, c, h, w);
        InferenceModel m = InferenceModel.compile(spec, sd, WeightNaming.inOrder(),
                new InferenceOptions(2, batch, backend));
        float[] actual = m.predict(x, n, InputFormat.raw(c, h, w));
        double[] xd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xd[i] = x[i];
        }
        Tensor expected = ReferenceForward.run(spec, WeightBinder.bind(spec, sd, WeightNaming.inOrder()),
                Tensor.wrap(xd, n, c, h, w));
        TensorAssert.assertClose(expected, tensor(actual, n), ATOL, RTOL);
    }

    static Tensor tensor(float[] values, int n) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return Tensor.wrap(d, n, values.length / n);
    }
}
