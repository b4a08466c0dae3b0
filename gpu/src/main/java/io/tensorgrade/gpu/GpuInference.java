package io.tensorgrade.gpu;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.infer.InferenceModel;
import java.nio.charset.StandardCharsets;
import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

/**
 * Entry point of GPU inference: whether a GPU can be used here, and {@link #load} to run a compiled
 * {@link InferenceModel} on it. Uses the CUDA driver API through JCuda and the PTX kernels of this
 * module, so the machine needs the NVIDIA driver ({@code libcuda.so.1}) and nothing of the CUDA toolkit.
 */
public final class GpuInference {
    /** The PTX targets sm_70: Volta and later. */
    static final int MIN_MAJOR = 7;
    private static volatile GpuStatus status;

    private GpuInference() {
    }

    /**
     * Probes the driver and device 0 once per JVM; never throws. Unavailable when the JCuda native library
     * cannot load (no NVIDIA driver: {@code libcuda.so.1} missing), when the driver has no device or is too
     * old for JCuda 12, or when the device predates compute capability 7.0.
     */
    public static GpuStatus status() {
        GpuStatus s = status;
        if (s == null) {
            synchronized (GpuInference.class) {
                s = status;
                if (s == null) {
                    s = probe();
                    status = s;
                }
            }
        }
        return s;
    }

    /** {@code status().available()}. */
    public static boolean available() {
        return status().available();
    }

    /** Why the GPU cannot be used, or the device's description when it can: {@code status().detail()}. */
    public static String reason() {
        return status().detail();
    }

    /**
     * {@code model}'s network and weights on the GPU, with kernels for its steps. Fails with a
     * {@link RefException} naming the reason when no GPU is available.
     */
    public static GpuModel load(InferenceModel model) {
        if (model == null) {
            throw new RefException("gpu: model must not be null");
        }
        GpuStatus s = status();
        if (!s.available()) {
            throw new RefException("gpu inference is not available: " + s.detail());
        }
        return GpuModel.load(model, s.detail());
    }

    private static GpuStatus probe() {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (count[0] < 1) {
                return new GpuStatus(false, "the NVIDIA driver reports no CUDA device");
            }
            CUdevice device = new CUdevice();
            cuDeviceGet(device, 0);
            byte[] name = new byte[256];
            cuDeviceGetName(name, name.length, device);
            int major = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
            int minor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
            int[] driver = new int[1];
            cuDriverGetVersion(driver);
            String text = cString(name) + ", compute capability " + major + "." + minor + ", driver CUDA "
                    + driver[0] / 1000 + "." + driver[0] % 1000 / 10;
            if (major < MIN_MAJOR) {
                return new GpuStatus(false, "the GPU " + text + " is older than compute capability " + MIN_MAJOR
                        + ".0, which the PTX kernels need");
            }
            return new GpuStatus(true, text);
        } catch (LinkageError e) {
            // UnsatisfiedLinkError while JCuda loads its native library, or NoClassDefFoundError when a
            // class whose static initialiser failed is touched again.
            return new GpuStatus(false, "the JCuda native library could not be loaded (is the NVIDIA driver,"
                    + " libcuda.so.1, installed?): " + linkProblem(e));
        } catch (CudaException e) {
            return new GpuStatus(false, "the CUDA driver failed: " + firstLine(e));
        } catch (RuntimeException e) {
            return new GpuStatus(false, "probing the GPU failed: " + firstLine(e));
        }
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        cuDeviceGetAttribute(value, attribute, device);
        return value[0];
    }

    static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).strip();
    }

    /** JCuda's message is a page of stack traces; the line that names a missing library says it all. */
    static String linkProblem(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher missing = java.util.regex.Pattern
                .compile("([\\w.+-]+\\.so[.\\d]*): cannot open shared object file[^\\n]*").matcher(m);
        return missing.find() ? missing.group().strip() : firstLine(e);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
