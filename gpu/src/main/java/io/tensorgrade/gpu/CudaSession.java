package io.tensorgrade.gpu;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

/**
 * Device 0's primary context with the PTX module loaded, and the device memory allocated through it.
 * The primary context is shared with anything else in the process that uses the device, and made current
 * on whichever thread calls {@link #makeCurrent} (CUDA contexts are current per thread). Not thread-safe:
 * {@link GpuModel} serialises its calls.
 */
final class CudaSession implements AutoCloseable {
    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final CUmodule module = new CUmodule();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final List<CUdeviceptr> allocations = new ArrayList<>();
    private boolean closed;

    private CudaSession() {
    }

    /** Retains device 0's primary context and loads the kernels; the driver JIT-compiles the PTX here. */
    static CudaSession open() {
        CudaSession s = new CudaSession();
        cuDeviceGet(s.device, 0);
        cuDevicePrimaryCtxRetain(s.context, s.device);
        try {
            cuCtxSetCurrent(s.context);
            cuModuleLoadData(s.module, PtxKernels.image());
            for (String name : PtxKernels.ENTRY_POINTS) {
                CUfunction f = new CUfunction();
                cuModuleGetFunction(f, s.module, name);
                s.functions.put(name, f);
            }
        } catch (RuntimeException e) {
            cuDevicePrimaryCtxRelease(s.device);
            throw e;
        }
        return s;
    }

    void makeCurrent() {
        cuCtxSetCurrent(context);
    }

    /** {@code bytes} (at least 1) of device memory, freed by {@link #free} or {@link #close}. */
    CUdeviceptr alloc(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, Math.max(bytes, 1));
        allocations.add(p);
        return p;
    }

    void free(CUdeviceptr p) {
        if (p != null && allocations.remove(p)) {
            cuMemFree(p);
        }
    }

    CUdeviceptr upload(float[] values) {
        CUdeviceptr p = alloc(4L * values.length);
        cuMemcpyHtoD(p, Pointer.to(values), 4L * values.length);
        return p;
    }

    CUdeviceptr upload(int[] values) {
        CUdeviceptr p = alloc(4L * values.length);
        cuMemcpyHtoD(p, Pointer.to(values), 4L * values.length);
        return p;
    }

    /**
     * Launches kernel {@code name} on a {@code gx x gy x gz} grid of {@code threads}-thread blocks.
     * {@code args} in the kernel's order: a {@link CUdeviceptr}, null for a null pointer, an
     * {@link Integer} for an {@code int} or a {@link Long} for a {@code long long}.
     */
    void launch(String name, int gx, int gy, int gz, int threads, Object... args) {
        NativePointerObject[] params = new NativePointerObject[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                params[i] = Pointer.to(new long[] {0});
            } else if (a instanceof CUdeviceptr p) {
                params[i] = Pointer.to(p);
            } else if (a instanceof Integer v) {
                params[i] = Pointer.to(new int[] {v});
            } else if (a instanceof Long v) {
                params[i] = Pointer.to(new long[] {v});
            } else {
                throw new IllegalArgumentException("kernel argument " + i + " of " + name + ": " + a.getClass());
            }
        }
        CUfunction f = functions.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no kernel " + name);
        }
        cuLaunchKernel(f, gx, gy, gz, threads, 1, 1, 0, null, Pointer.to(params), null);
    }

    void synchronize() {
        cuCtxSynchronize();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        makeCurrent();
        for (CUdeviceptr p : allocations) {
            cuMemFree(p);
        }
        allocations.clear();
        cuModuleUnload(module);
        cuDevicePrimaryCtxRelease(device);
    }
}
