package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A network compiled for fast batched float32 inference on the CPU: weights from a PyTorch-style
 * state_dict, batch norms folded, convolutions as im2col times a SIMD matrix-multiply kernel, batches
 * spread over a fixed pool of threads. Results agree with the float64 reference ops to about 1e-5
 * relative. Immutable and thread-safe.
 *
 * <pre>{@code
 * InferenceModel m = InferenceModel.compile(Zoo.get("cs5242-cnn"), stateDict, WeightNaming.inOrder());
 * float[] logits = m.predict(pixels, 10_000, InputFormat.uint8(3, 32, 32, mean, std));
 * int[] classes = InferenceModel.argmax(logits, m.outputSize(InputFormat.raw(3, 32, 32)));
 * }</pre>
 */
public final class InferenceModel {
    private final NetworkSpec spec;
    private final List<InferenceStep> steps;
    private final List<Op> ops;
    private final Kernel kernel;
    private final InferenceOptions options;
    /** The plan of the last input format, kept as one reference so that readers never mix two formats. */
    private volatile CachedPlan lastPlan;

    private record CachedPlan(InputFormat format, Plan plan) {
    }

    private InferenceModel(NetworkSpec spec, List<InferenceStep> steps, List<Op> ops, Kernel kernel,
                           InferenceOptions options) {
        this.spec = spec;
        this.steps = steps;
        this.ops = ops;
        this.kernel = kernel;
        this.options = options;
    }

    /** Compiles {@code spec} with {@link InferenceOptions#defaults()}. */
    public static InferenceModel compile(NetworkSpec spec, Map<String, Tensor> weights, WeightNaming naming) {
        return compile(spec, weights, naming, InferenceOptions.defaults());
    }

    /**
     * Compiles {@code spec} with the state_dict {@code weights} (key to tensor, in state_dict order) assigned
     * to layers by {@code naming}. Fails with a {@link RefException} that lists expected and found keys and
     * shapes when they do not fit, or when the network has a layer inference does not support.
     */
    public static InferenceModel compile(NetworkSpec spec, Map<String, Tensor> weights, WeightNaming naming,
                                         InferenceOptions options) {
        if (spec == null || options == null) {
            throw new RefException("inference: spec and options must not be null");
        }
        OpCompiler.checkSupported(spec);
        Map<Integer, LayerWeights> bound = WeightBinder.bind(spec, weights, naming);
        Kernel kernel = Kernels.of(options.backend());
        List<InferenceStep> steps = OpCompiler.lower(spec, bound);
        return new InferenceModel(spec, steps, OpCompiler.compile(steps, kernel), kernel, options);
    }

    /** The network this model runs. */
    public NetworkSpec spec() {
        return spec;
    }

    /**
     * The network lowered for inference (batch norms folded, ReLUs fused, weights checked and bound): what
     * another backend, such as the GPU one, builds its own kernels from.
     */
    public List<InferenceStep> steps() {
        return steps;
    }

    /** The options it runs with. */
    public InferenceOptions options() {
        return options;
    }

    /** This model with other threads or batch size (the backend stays the one it was compiled for). */
    public InferenceModel withOptions(InferenceOptions options) {
        if (options == null) {
            throw new RefException("inference: options must not be null");
        }
        return new InferenceModel(spec, steps, ops, kernel, options.withBackend(this.options.backend()));
    }

    /** The matrix-multiply kernel in use, e.g. {@code vector-512x8} or {@code java}. */
    public String kernelName() {
        return kernel.name();
    }

    /** Values per sample in the output (the number of classes for a classifier) for input {@code format}. */
    public int outputSize(InputFormat format) {
        return plan(format).outputSize();
    }

    /**
     * The network's output for {@code n} images stored NCHW in {@code images} (at least
     * {@code n*C*H*W} values), preprocessed as {@code format} says: {@code n * outputSize} values,
     * sample-major.
     */
    public float[] predict(float[] images, int n, InputFormat format) {
        checkInput(images == null ? -1 : images.length, n, format);
        float[][] ab = format.affine();
        return run(n, format, (ws, first, count) -> BatchIo.load(images, first, count, format, ab, ws.a));
    }

    /** As {@link #predict(float[], int, InputFormat)} for unsigned 8-bit pixels (0..255). */
    public float[] predict(byte[] images, int n, InputFormat format) {
        checkInput(images == null ? -1 : images.length, n, format);
        float[][] ab = format.affine();
        return run(n, format, (ws, first, count) -> BatchIo.load(images, first, count, format, ab, ws.a));
    }

    /** The index of the largest value of each sample's {@code size} outputs; the first one on ties, as torch. */
    public static int[] argmax(float[] outputs, int size) {
        if (size < 1 || outputs.length % size != 0) {
            throw new RefException("argmax: size=" + size + " does not divide the " + outputs.length + " outputs");
        }
        int[] best = new int[outputs.length / size];
        for (int s = 0; s < best.length; s++) {
            int arg = 0;
            for (int j = 1; j < size; j++) {
                float v = outputs[s * size + j];
                float m = outputs[s * size + arg];
                if (v > m || (v != v && m == m)) {
                    arg = j;
                }
            }
            best[s] = arg;
        }
        return best;
    }

    private interface Loader {
        void load(Plan.Workspace ws, int first, int count);
    }

    private float[] run(int n, InputFormat format, Loader loader) {
        Plan plan = plan(format);
        int size = plan.outputSize();
        float[] out = new float[Math.multiplyExact(n, size)];
        int batch = plan.batch;
        int batches = (n + batch - 1) / batch;
        Dims last = plan.shapes[plan.shapes.length - 1];
        Workers.run(batches, options.threads(), () -> plan.new Workspace(), (ws, b) -> {
            int first = b * batch;
            int count = Math.min(batch, n - first);
            loader.load(ws, first, count);
            BatchIo.store(ws.forward(count), last, count, out, first);
        });
        return out;
    }

    private Plan plan(InputFormat format) {
        if (format == null) {
            throw new RefException("inference: input format must not be null");
        }
        CachedPlan cached = lastPlan;
        if (cached != null && cached.format().equals(format)) {
            return cached.plan();
        }
        Plan p = new Plan(spec, ops, format, options.batchSize());
        lastPlan = new CachedPlan(format, p);
        return p;
    }

    private static void checkInput(int length, int n, InputFormat format) {
        if (length < 0) {
            throw new RefException("inference: images must not be null");
        }
        if (format == null) {
            throw new RefException("inference: input format must not be null");
        }
        if (n < 0) {
            throw new RefException("inference: n=" + n + " must not be negative");
        }
        long need = (long) n * format.sampleSize();
        if (length < need) {
            throw new RefException("inference: " + n + " images of " + format.channels() + "x" + format.height()
                    + "x" + format.width() + " need " + need + " values, got " + length);
        }
    }
}
