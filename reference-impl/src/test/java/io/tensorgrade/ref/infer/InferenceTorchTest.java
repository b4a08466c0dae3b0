package io.tensorgrade.ref.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tensorgrade.ref.io.Npy;
import io.tensorgrade.ref.net.LayerSpec.AdaptiveAvgPool2d;
import io.tensorgrade.ref.net.LayerSpec.BatchNorm2d;
import io.tensorgrade.ref.net.LayerSpec.Conv2d;
import io.tensorgrade.ref.net.LayerSpec.Dropout;
import io.tensorgrade.ref.net.LayerSpec.Flatten;
import io.tensorgrade.ref.net.LayerSpec.Linear;
import io.tensorgrade.ref.net.LayerSpec.MaxPool2d;
import io.tensorgrade.ref.net.LayerSpec.Relu;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.net.Zoo;
import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.tensor.Tensor;
import io.tensorgrade.ref.testing.TensorAssert;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers from PyTorch 1.13 (written by {@code gen_infer_fixtures.py} in the test resources): a
 * state_dict saved as one {@code .npy} per key, uint8 images and PyTorch's eval-mode logits.
 */
class InferenceTorchTest {
    private static final double TOL = 1e-4;

    static Stream<Arguments> fixtures() {
        NetworkSpec bnGroups = new NetworkSpec("bn-groups", List.of(
                new Conv2d(3, 8, Pair.of(3), Pair.of(1), Pair.of(1), Pair.of(1), 1, false), new BatchNorm2d(8, true),
                new Relu(), MaxPool2d.of(2, 2),
                new Conv2d(8, 8, Pair.of(3), Pair.of(2), Pair.of(1), Pair.of(1), 2, true), new BatchNorm2d(8, true),
                new Relu(), new AdaptiveAvgPool2d(2, 2), new Flatten(), new Dropout(0.5), new Linear(32, 10, true)));
        return Stream.of(Arguments.of("cs5242", Zoo.get("cs5242-cnn")), Arguments.of("bn-groups", bnGroups))
                .flatMap(a -> Stream.of(Backend.JAVA, Backend.VECTOR).map(b -> Arguments.of(a.get()[0], a.get()[1], b)));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("fixtures")
    void logitsAndPredictionsMatchPyTorch(String fixture, NetworkSpec spec, Backend backend) throws Exception {
        assumeTrue(backend != Backend.VECTOR || Kernels.vectorAvailable(), "JVM without jdk.incubator.vector");
        Path dir = dir(fixture);
        Tensor images = Npy.read(dir.resolve("images.npy")).tensor();
        Tensor expected = Npy.read(dir.resolve("logits.npy")).tensor();
        int n = images.dim(0);
        byte[] pixels = new byte[images.size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (int) images.rawData()[i];
        }
        InputFormat format = InputFormat.uint8(3, 32, 32, Npy.read(dir.resolve("mean.npy")).tensor().data(),
                Npy.read(dir.resolve("std.npy")).tensor().data());
        InferenceModel model = InferenceModel.compile(spec, stateDict(dir), WeightNaming.inOrder(),
                new InferenceOptions(2, 4, backend));

        float[] logits = model.predict(pixels, n, format);

        TensorAssert.assertClose(expected, InferenceModelTest.tensor(logits, n), TOL, TOL);
        int classes = expected.dim(1);
        float[] torch = new float[expected.size()];
        for (int i = 0; i < torch.length; i++) {
            torch[i] = (float) expected.rawData()[i];
        }
        assertArrayEquals(InferenceModel.argmax(torch, classes), InferenceModel.argmax(logits, classes));
    }

    /** The fixture's state_dict in its saved key order. */
    static Map<String, Tensor> stateDict(Path dir) throws IOException {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        for (String key : Files.readAllLines(dir.resolve("keys.txt"), StandardCharsets.UTF_8)) {
            if (!key.isBlank()) {
                sd.put(key, Npy.read(dir.resolve("weights").resolve(key + ".npy")).tensor());
            }
        }
        return sd;
    }

    static Path dir(String fixture) throws URISyntaxException {
        return Path.of(InferenceTorchTest.class.getResource("/io/tensorgrade/ref/infer/" + fixture).toURI());
    }
}
