package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.io.Npy;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.net.Zoo;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times {@link InferenceModel} on CIFAR-format data, for {@code bench/inference-vs-pytorch.sh}.
 *
 * <p>Usage: {@code InferenceBench DIR [threads] [batch] [passes] [backend]}. {@code DIR} holds
 * {@code test_batch.bin} (CIFAR-10 binary: per image one label byte and 3072 pixel bytes, CHW),
 * {@code keys.txt} (state_dict keys in order), {@code state_dict/KEY.npy}, {@code mean.npy} and
 * {@code std.npy}, as {@code bench/inference_pytorch.py generate} writes them. Prints one line per pass,
 * {@code java pass=P seconds=S cpu=C} (wall and process CPU seconds), after
 * {@code java setup seconds=S cpu=C} for {@link InferenceModel#compile} (which warms up the kernel), and writes the predicted classes of the last pass to
 * {@code DIR/java_pred.txt}.
 */
public final class InferenceBench {
    private static final int PIXELS = 3 * 32 * 32;

    private InferenceBench() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : InferenceOptions.DEFAULT_BATCH;
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Backend backend = args.length > 4 ? Backend.valueOf(args[4]) : Backend.AUTO;
        PrintStream out = System.out;

        byte[] records = Files.readAllBytes(dir.resolve("test_batch.bin"));
        int n = records.length / (PIXELS + 1);
        byte[] pixels = new byte[n * PIXELS];
        for (int i = 0; i < n; i++) {
            System.arraycopy(records, i * (PIXELS + 1) + 1, pixels, i * PIXELS, PIXELS);
        }
        Map<String, Tensor> stateDict = new LinkedHashMap<>();
        for (String key : Files.readAllLines(dir.resolve("keys.txt"), StandardCharsets.UTF_8)) {
            if (!key.isBlank()) {
                stateDict.put(key, Npy.read(dir.resolve("state_dict").resolve(key + ".npy")).tensor());
            }
        }
        double[] mean = Npy.read(dir.resolve("mean.npy")).tensor().data();
        double[] std = Npy.read(dir.resolve("std.npy")).tensor().data();
        NetworkSpec spec = Zoo.get("cs5242-cnn");
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long c0 = System.nanoTime();
        InferenceModel model = InferenceModel.compile(spec, stateDict, WeightNaming.inOrder(),
                new InferenceOptions(threads, batch, backend));
        double compileSeconds = (System.nanoTime() - c0) / 1e9;
        double compileCpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
        InputFormat format = InputFormat.uint8(3, 32, 32, mean, std);
        out.printf("java images=%d threads=%d batch=%d kernel=%s%n", n, threads, batch, model.kernelName());
        out.printf("java setup seconds=%.3f cpu=%.3f%n", compileSeconds, compileCpu);
        float[] logits = null;
        for (int p = 1; p <= passes; p++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            logits = model.predict(pixels, n, format);
            out.printf("java pass=%d seconds=%.3f cpu=%.3f%n", p, (System.nanoTime() - t0) / 1e9,
                    (os.getProcessCpuTime() - cpu0) / 1e9);
        }
        int[] classes = InferenceModel.argmax(logits, model.outputSize(format));
        StringBuilder sb = new StringBuilder();
        for (int c : classes) {
            sb.append(c).append('\n');
        }
        Files.writeString(dir.resolve("java_pred.txt"), sb.toString(), StandardCharsets.UTF_8);
    }
}
