package io.tensorgrade.gpu;

import io.tensorgrade.ref.infer.InferenceModel;
import io.tensorgrade.ref.infer.InputFormat;
import io.tensorgrade.ref.infer.WeightNaming;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.net.Zoo;
import java.io.PrintStream;
import java.util.Locale;

/**
 * GPU against CPU on a zoo network with random weights and random uint8 CIFAR-format images, for
 * {@code bench/gpu-inference.sh} on a machine with a GPU. Checks that logits agree within
 * {@code 1e-4 + 1e-4*|cpu|} and predicted classes are identical, then times {@code passes} runs of each
 * (the GPU time includes copying the images over and the logits back).
 *
 * <p>Usage: {@code GpuBench [images=10000] [network=cs5242-cnn] [passes=3] [seed=1]}. Exit code 0 when
 * they agree, 1 when they do not, 3 when no GPU is available (the reason is printed).
 */
public final class GpuBench {
    private static final double TOL = 1e-4;

    private GpuBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String network = args.length > 1 ? args[1] : "cs5242-cnn";
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        System.exit(run(n, network, passes, seed, System.out));
    }

    static int run(int n, String network, int passes, long seed, PrintStream out) {
        GpuStatus status = GpuInference.status();
        out.println("gpu " + (status.available() ? "available: " : "unavailable: ") + status.detail());
        if (!status.available()) {
            return 3;
        }
        NetworkSpec spec = Zoo.get(network);
        InferenceModel cpu = InferenceModel.compile(spec, RandomNetwork.stateDict(spec, seed), WeightNaming.inOrder());
        InputFormat format = InputFormat.uint8(3, 32, 32, new double[] {0.4914, 0.4822, 0.4465},
                new double[] {0.2470, 0.2435, 0.2616});
        byte[] images = RandomNetwork.images(seed + 1, n, format.sampleSize());
        long t0 = System.nanoTime();
        try (GpuModel gpu = GpuInference.load(cpu)) {
            out.printf(Locale.ROOT, "gpu load seconds=%.3f (%s)%n", (System.nanoTime() - t0) / 1e9, gpu.deviceName());
            float[] g = null;
            for (int p = 1; p <= passes; p++) {
                long s = System.nanoTime();
                g = gpu.predict(images, n, format);
                out.printf(Locale.ROOT, "gpu pass=%d images=%d seconds=%.3f%n", p, n, (System.nanoTime() - s) / 1e9);
            }
            float[] c = null;
            for (int p = 1; p <= passes; p++) {
                long s = System.nanoTime();
                c = cpu.predict(images, n, format);
                out.printf(Locale.ROOT, "cpu pass=%d images=%d seconds=%.3f kernel=%s%n", p, n,
                        (System.nanoTime() - s) / 1e9, cpu.kernelName());
            }
            return compare(c, g, cpu.outputSize(format), out) ? 0 : 1;
        }
    }

    /** Prints the largest difference and the first one beyond tolerance; true when all agree. */
    static boolean compare(float[] cpu, float[] gpu, int size, PrintStream out) {
        double worst = 0;
        int first = -1;
        for (int i = 0; i < cpu.length; i++) {
            double d = Math.abs((double) cpu[i] - gpu[i]);
            worst = Math.max(worst, d);
            if (first < 0 && !(d <= TOL + TOL * Math.abs(cpu[i]))) {
                first = i;
            }
        }
        int[] pc = InferenceModel.argmax(cpu, size);
        int[] pg = InferenceModel.argmax(gpu, size);
        int same = 0;
        for (int i = 0; i < pc.length; i++) {
            same += pc[i] == pg[i] ? 1 : 0;
        }
        out.printf(Locale.ROOT, "agreement max_abs_diff=%.3g same_class=%d/%d%s%n", worst, same, pc.length,
                first < 0 ? "" : String.format(Locale.ROOT, " first_beyond_tolerance=[image %d, output %d] cpu=%s gpu=%s",
                        first / size, first % size, cpu[first], gpu[first]));
        return first < 0 && same == pc.length;
    }
}
