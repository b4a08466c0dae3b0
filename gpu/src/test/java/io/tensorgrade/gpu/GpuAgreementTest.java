package io.tensorgrade.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tensorgrade.ref.infer.InferenceModel;
import io.tensorgrade.ref.infer.InputFormat;
import io.tensorgrade.ref.infer.WeightNaming;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.net.Zoo;
import io.tensorgrade.ref.ops.Pair;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GPU backend against the CPU one: logits within {@code 1e-4 + 1e-4*|cpu|}, identical predicted
 * classes. Runs only where a GPU is available; elsewhere every test is skipped with the reason.
 */
class GpuAgreementTest {
    private static final InputFormat CIFAR = InputFormat.uint8(3, 32, 32, new double[] {0.4914, 0.4822, 0.4465},
            new double[] {0.2470, 0.2435, 0.2616});

    @BeforeAll
    static void sayWhySkipped() {
        if (!GpuInference.available()) {
            System.err.println("GpuAgreementTest SKIPPED, no GPU: " + GpuInference.reason());
        }
    }

    @BeforeEach
    void needsGpu() {
        assumeTrue(GpuInference.available(), () -> "no GPU: " + GpuInference.reason());
    }

    @Test
    void cs5242CnnMatchesCpuOn512Images() {
        assertAgree(Zoo.get("cs5242-cnn"), 512, CIFAR, 7);
    }

    @Test
    void chunksAndOddBatchSizesGiveTheSameLogits() {
        NetworkSpec spec = Zoo.get("cs5242-cnn");
        InferenceModel cpu = InferenceModel.compile(spec, RandomNetwork.stateDict(spec, 3), WeightNaming.inOrder());
        byte[] images = RandomNetwork.images(4, 77, CIFAR.sampleSize());
        try (GpuModel gpu = GpuInference.load(cpu)) {
            float[] all = gpu.predict(images, 77, CIFAR);
            float[] few = gpu.predict(images, 5, CIFAR);
            assertArrayEquals(java.util.Arrays.copyOf(all, few.length), few);
            assertEquals(0, gpu.predict(images, 0, CIFAR).length);
        }
    }

    @Test
    void everyKernelMatchesCpu() {
        // groups, stride, dilation, no bias, folded and standalone batch norm, padded max and avg pools,
        // adaptive pool, sigmoid, tanh, a ReLU after linear and a second linear.
        NetworkSpec spec = new NetworkSpec("kernels", List.of(
                new LayerSpec.Conv2d(3, 12, Pair.of(3), Pair.of(1), Pair.of(1), Pair.of(1), 1, true),
                new LayerSpec.BatchNorm2d(12, true),
                new LayerSpec.Relu(),
                new LayerSpec.Conv2d(12, 24, Pair.of(3), Pair.of(2), Pair.of(2), Pair.of(2), 3, false),
                new LayerSpec.Tanh(),
                new LayerSpec.MaxPool2d(Pair.of(3), Pair.of(2), Pair.of(1), Pair.of(1), true),
                new LayerSpec.BatchNorm2d(24, true),
                new LayerSpec.Sigmoid(),
                new LayerSpec.AvgPool2d(Pair.of(3), Pair.of(2), Pair.of(1), true, false),
                new LayerSpec.AdaptiveAvgPool2d(3, 3),
                new LayerSpec.Flatten(),
                new LayerSpec.Linear(24 * 9, 70, true),
                new LayerSpec.Relu(),
                new LayerSpec.Linear(70, 10, false)));
        assertAgree(spec, 200, CIFAR, 11);
    }

    @Test
    void floatImagesMatchCpu() {
        NetworkSpec spec = Zoo.get("cs5242-cnn");
        InferenceModel cpu = InferenceModel.compile(spec, RandomNetwork.stateDict(spec, 5), WeightNaming.inOrder());
        java.util.Random r = new java.util.Random(6);
        float[] images = new float[40 * 3 * 32 * 32];
        for (int i = 0; i < images.length; i++) {
            images[i] = r.nextFloat() * 2 - 1;
        }
        InputFormat raw = InputFormat.raw(3, 32, 32);
        try (GpuModel gpu = GpuInference.load(cpu)) {
            String report = report(cpu.predict(images, 40, raw), gpu.predict(images, 40, raw), 10);
            assertTrue(report.contains(" same_class=40/40") && !report.contains("first_beyond"), report);
        }
    }

    private static void assertAgree(NetworkSpec spec, int n, InputFormat format, long seed) {
        InferenceModel cpu = InferenceModel.compile(spec, RandomNetwork.stateDict(spec, seed), WeightNaming.inOrder());
        byte[] images = RandomNetwork.images(seed + 1, n, format.sampleSize());
        try (GpuModel gpu = GpuInference.load(cpu)) {
            float[] g = gpu.predict(images, n, format);
            float[] c = cpu.predict(images, n, format);
            assertEquals(c.length, g.length, "output length");
            String report = report(c, g, cpu.outputSize(format));
            assertTrue(!report.contains("first_beyond") && report.contains(" same_class=" + n + "/" + n), report);
        }
    }

    private static String report(float[] cpu, float[] gpu, int size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GpuBench.compare(cpu, gpu, size, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
