package io.tensorgrade.gpu;

import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Random He-scaled weights named as {@code nn.Sequential} would ({@code <index>.weight}), and random
 * uint8 images: the inputs of {@link GpuBench} and of the GPU-vs-CPU test, which need no trained model.
 */
final class RandomNetwork {
    private RandomNetwork() {
    }

    static Map<String, Tensor> stateDict(NetworkSpec spec, long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> sd = new LinkedHashMap<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            String p = Integer.toString(i);
            if (layer instanceof LayerSpec.Conv2d c) {
                sd.put(p + ".weight", gaussian(r, Math.sqrt(2.0 / c.fanIn()), c.out(), c.in() / c.groups(),
                        c.kernel().h(), c.kernel().w()));
                if (c.bias()) {
                    sd.put(p + ".bias", gaussian(r, 0.1, c.out()));
                }
            } else if (layer instanceof LayerSpec.Linear l) {
                sd.put(p + ".weight", gaussian(r, Math.sqrt(2.0 / l.in()), l.out(), l.in()));
                if (l.bias()) {
                    sd.put(p + ".bias", gaussian(r, 0.1, l.out()));
                }
            } else if (layer instanceof LayerSpec.BatchNorm2d b) {
                int c = b.channels();
                if (b.affine()) {
                    sd.put(p + ".weight", uniform(r, 0.5, 1.5, c));
                    sd.put(p + ".bias", gaussian(r, 0.2, c));
                }
                sd.put(p + ".running_mean", gaussian(r, 0.3, c));
                sd.put(p + ".running_var", uniform(r, 0.5, 2.0, c));
                sd.put(p + ".num_batches_tracked", Tensor.scalar(100));
            }
        }
        return sd;
    }

    static byte[] images(long seed, int n, int sampleSize) {
        byte[] b = new byte[Math.multiplyExact(n, sampleSize)];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Tensor gaussian(Random r, double std, int... shape) {
        Tensor t = Tensor.zeros(shape);
        double[] d = t.rawData();
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian() * std;
        }
        return t;
    }

    private static Tensor uniform(Random r, double lo, double hi, int n) {
        Tensor t = Tensor.zeros(n);
        double[] d = t.rawData();
        for (int i = 0; i < n; i++) {
            d[i] = lo + (hi - lo) * r.nextDouble();
        }
        return t;
    }
}
