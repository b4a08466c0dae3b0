package io.tensorgrade.gpu;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.infer.InferenceModel;
import io.tensorgrade.ref.infer.InferenceStep;
import io.tensorgrade.ref.infer.InputFormat;
import java.util.ArrayList;
import java.util.List;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * A compiled {@link InferenceModel} on the GPU: its {@link InferenceStep}s as PTX kernels over batches
 * stored NCHW, weights uploaded once. {@link #predict} moves the images over in chunks, preprocesses them
 * on the device and returns the same sample-major outputs as {@link InferenceModel#predict}. Calls are
 * serialised; {@link #close} frees the device memory.
 */
public final class GpuModel implements AutoCloseable {
    /** Device memory aimed at for one chunk's two activation buffers. */
    private static final long CHUNK_BYTES = 512L << 20;
    private static final int THREADS = 256;

    private final InferenceModel model;
    private final String device;
    private final CudaSession cuda;
    private final List<InferenceStep> steps;
    /** Per step its device buffers: weight and bias, or scale and shift; empty for steps without. */
    private final List<CUdeviceptr[]> params = new ArrayList<>();
    private GpuPlan plan;
    private boolean closed;

    private GpuModel(InferenceModel model, String device, CudaSession cuda) {
        this.model = model;
        this.device = device;
        this.cuda = cuda;
        this.steps = model.steps();
    }

    static GpuModel load(InferenceModel model, String device) {
        CudaSession cuda;
        try {
            cuda = CudaSession.open();
        } catch (CudaException e) {
            throw new RefException("gpu: loading the kernels on " + device + " failed: " + e.getMessage());
        }
        GpuModel m = new GpuModel(model, device, cuda);
        try {
            for (InferenceStep step : m.steps) {
                m.params.add(m.upload(step));
            }
        } catch (CudaException e) {
            cuda.close();
            throw new RefException("gpu: uploading the weights to " + device + " failed: " + e.getMessage());
        }
        return m;
    }

    /** The device, e.g. {@code cuda: NVIDIA H100 80GB HBM3, compute capability 9.0, driver CUDA 12.4}. */
    public String deviceName() {
        return "cuda: " + device;
    }

    /** Values per sample in the output for input {@code format}, as {@link InferenceModel#outputSize}. */
    public int outputSize(InputFormat format) {
        return model.outputSize(format);
    }

    /** As {@link InferenceModel#predict(byte[], int, InputFormat)}, on the GPU. */
    public synchronized float[] predict(byte[] images, int n, InputFormat format) {
        check(images == null ? -1 : images.length, n, format);
        return run(n, format, images, null);
    }

    /** As {@link InferenceModel#predict(float[], int, InputFormat)}, on the GPU. */
    public synchronized float[] predict(float[] images, int n, InputFormat format) {
        check(images == null ? -1 : images.length, n, format);
        return run(n, format, null, images);
    }

    private float[] run(int n, InputFormat format, byte[] bytes, float[] floats) {
        if (closed) {
            throw new RefException("gpu: the model was closed");
        }
        int outSize = model.outputSize(format);
        float[] out = new float[Math.multiplyExact(n, outSize)];
        if (n == 0) {
            return out;
        }
        try {
            cuda.makeCurrent();
            GpuPlan p = plan(format, n);
            int sample = format.sampleSize();
            for (int first = 0; first < n; first += p.chunk()) {
                int count = Math.min(p.chunk(), n - first);
                long total = (long) count * sample;
                if (bytes != null) {
                    cuMemcpyHtoD(p.staging(), Pointer.to(bytes).withByteOffset((long) first * sample), total);
                } else {
                    cuMemcpyHtoD(p.staging(), Pointer.to(floats).withByteOffset(4L * first * sample), 4 * total);
                }
                cuda.launch(bytes != null ? PtxKernels.NORMALIZE_U8 : PtxKernels.NORMALIZE_F32, grid(total), 1, 1,
                        THREADS, p.staging(), p.buffer(0), p.affineA(), p.affineB(), total, format.channels(),
                        format.height() * format.width());
                int current = p.forward(cuda, steps, params, count);
                cuMemcpyDtoH(Pointer.to(out).withByteOffset(4L * first * outSize), p.buffer(current),
                        4L * count * outSize);
            }
        } catch (CudaException e) {
            throw new RefException("gpu: inference on " + device + " failed: " + e.getMessage());
        }
        return out;
    }

    /** The plan of {@code format}, kept while the format stays the same and its chunk is large enough. */
    private GpuPlan plan(InputFormat format, int n) {
        if (plan != null && plan.format().equals(format) && (plan.chunk() >= n || plan.chunk() == plan.maxChunk())) {
            return plan;
        }
        if (plan != null) {
            plan.free(cuda);
        }
        plan = GpuPlan.create(cuda, model.spec().name(), steps, format, n, CHUNK_BYTES);
        return plan;
    }

    private CUdeviceptr[] upload(InferenceStep step) {
        if (step instanceof InferenceStep.Conv c) {
            return new CUdeviceptr[] {cuda.upload(floats(c.weight())), c.bias() == null ? null
                    : cuda.upload(floats(c.bias()))};
        } else if (step instanceof InferenceStep.Linear l) {
            return new CUdeviceptr[] {cuda.upload(floats(l.weight())), l.bias() == null ? null
                    : cuda.upload(floats(l.bias()))};
        } else if (step instanceof InferenceStep.ChannelAffine a) {
            return new CUdeviceptr[] {cuda.upload(floats(a.scale())), cuda.upload(floats(a.shift()))};
        }
        return new CUdeviceptr[0];
    }

    static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** Blocks of {@link #THREADS} for an elementwise kernel over {@code total} values (grid-stride beyond). */
    static int grid(long total) {
        return (int) Math.max(1, Math.min((total + THREADS - 1) / THREADS, 1 << 20));
    }

    private static void check(int length, int n, InputFormat format) {
        if (length < 0) {
            throw new RefException("gpu inference: images must not be null");
        }
        if (format == null) {
            throw new RefException("gpu inference: input format must not be null");
        }
        if (n < 0) {
            throw new RefException("gpu inference: n=" + n + " must not be negative");
        }
        long need = (long) n * format.sampleSize();
        if (length < need) {
            throw new RefException("gpu inference: " + n + " images of " + format.channels() + "x" + format.height()
                    + "x" + format.width() + " need " + need + " values, got " + length);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            cuda.close();
        }
    }
}
