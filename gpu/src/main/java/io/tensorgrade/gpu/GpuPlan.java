package io.tensorgrade.gpu;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.infer.InferenceStep;
import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.LayerSpec;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdeviceptr;

/**
 * The device buffers and launches of one input format: the shape after every step, a staging buffer
 * for one chunk of raw images, two activation buffers that steps write alternately (in-place steps and
 * flatten, a no-op in NCHW, stay in one), the preprocessing constants and the pooling windows.
 */
final class GpuPlan {
    private final io.tensorgrade.ref.infer.InputFormat format;
    private final int[][] shapes;
    private final int chunk;
    private final int maxChunk;
    private final CUdeviceptr staging;
    private final CUdeviceptr[] buffers;
    private final CUdeviceptr affineA;
    private final CUdeviceptr affineB;
    /** Per step: rows and cols windows of an avg pool, else null. */
    private final List<CUdeviceptr[]> windows;

    private GpuPlan(io.tensorgrade.ref.infer.InputFormat format, int[][] shapes, int chunk, int maxChunk,
                    CUdeviceptr staging, CUdeviceptr[] buffers, CUdeviceptr affineA, CUdeviceptr affineB,
                    List<CUdeviceptr[]> windows) {
        this.format = format;
        this.shapes = shapes;
        this.chunk = chunk;
        this.maxChunk = maxChunk;
        this.staging = staging;
        this.buffers = buffers;
        this.affineA = affineA;
        this.affineB = affineB;
        this.windows = windows;
    }

    static GpuPlan create(CudaSession cuda, String network, List<InferenceStep> steps,
                          io.tensorgrade.ref.infer.InputFormat format, int n, long chunkBytes) {
        int[][] shapes = shapes(network, steps, format);
        long largest = 0;
        for (int[] s : shapes) {
            largest = Math.max(largest, (long) s[0] * s[1] * s[2]);
        }
        int maxChunk = (int) Math.max(1, Math.min(Integer.MAX_VALUE / Math.max(largest, 1),
                chunkBytes / (8 * Math.max(largest, 1))));
        int chunk = Math.min(Math.max(n, 1), maxChunk);
        double[] mean = format.mean();
        double[] std = format.std();
        float[] a = new float[format.channels()];
        float[] b = new float[format.channels()];
        for (int c = 0; c < a.length; c++) {
            // As InputFormat's own affine form: (x * scale - mean) / std == x * a + b.
            a[c] = (float) (format.scale() / std[c]);
            b[c] = (float) (-mean[c] / std[c]);
        }
        List<CUdeviceptr[]> windows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof InferenceStep.AvgPool p) {
                int[] in = shapes[i];
                int[] out = shapes[i + 1];
                windows.add(new CUdeviceptr[] {cuda.upload(PoolWindows.of(p.spec(), in[1], out[1], true)),
                        cuda.upload(PoolWindows.of(p.spec(), in[2], out[2], false))});
            } else {
                windows.add(null);
            }
        }
        CUdeviceptr staging = cuda.alloc(4L * chunk * format.sampleSize());
        CUdeviceptr[] buffers = {cuda.alloc(4L * chunk * largest), cuda.alloc(4L * chunk * largest)};
        return new GpuPlan(format, shapes, chunk, maxChunk, staging, buffers, cuda.upload(a), cuda.upload(b),
                windows);
    }

    /** {c, h, w} before step 0 and after every step. */
    static int[][] shapes(String network, List<InferenceStep> steps, io.tensorgrade.ref.infer.InputFormat format) {
        int[][] shapes = new int[steps.size() + 1][];
        shapes[0] = new int[] {format.channels(), format.height(), format.width()};
        for (int i = 0; i < steps.size(); i++) {
            int[] in = shapes[i];
            InferenceStep step = steps.get(i);
            if (step instanceof InferenceStep.Conv c) {
                LayerSpec.Conv2d s = c.spec();
                shapes[i + 1] = new int[] {s.out(),
                        (in[1] + 2 * s.padding().h() - s.dilation().h() * (s.kernel().h() - 1) - 1) / s.stride().h() + 1,
                        (in[2] + 2 * s.padding().w() - s.dilation().w() * (s.kernel().w() - 1) - 1) / s.stride().w() + 1};
            } else if (step instanceof InferenceStep.Linear l) {
                shapes[i + 1] = new int[] {l.out(), 1, 1};
            } else if (step instanceof InferenceStep.MaxPool p) {
                shapes[i + 1] = chw(p.spec().outputShape(ActivationShape.chw(in[0], in[1], in[2])));
            } else if (step instanceof InferenceStep.AvgPool p) {
                shapes[i + 1] = chw(p.spec().outputShape(ActivationShape.chw(in[0], in[1], in[2])));
            } else if (step instanceof InferenceStep.Flatten) {
                shapes[i + 1] = new int[] {in[0] * in[1] * in[2], 1, 1};
            } else {
                shapes[i + 1] = in;
            }
            if (shapes[i + 1][0] < 1 || shapes[i + 1][1] < 1 || shapes[i + 1][2] < 1) {
                throw new RefException("gpu inference: step " + (i + 1) + " of " + network + " gives an empty output "
                        + java.util.Arrays.toString(shapes[i + 1]));
            }
        }
        return shapes;
    }

    private static int[] chw(ActivationShape s) {
        return new int[] {s.dims().get(0), s.dims().get(1), s.dims().get(2)};
    }

    /** Runs every step on the {@code n} preprocessed images in buffer 0; returns the buffer with the output. */
    int forward(CudaSession cuda, List<InferenceStep> steps, List<CUdeviceptr[]> params, int n) {
        int cur = 0;
        for (int i = 0; i < steps.size(); i++) {
            int[] in = shapes[i];
            int[] out = shapes[i + 1];
            InferenceStep step = steps.get(i);
            CUdeviceptr src = buffers[cur];
            CUdeviceptr dst = buffers[1 - cur];
            CUdeviceptr[] p = params.get(i);
            long planes = (long) n * in[0];
            if (step instanceof InferenceStep.Conv c) {
                LayerSpec.Conv2d s = c.spec();
                conv(cuda, src, p, dst, n, s.in(), in[1], in[2], s.out(), s.kernel().h(), s.kernel().w(),
                        new int[] {s.stride().h(), s.stride().w(), s.padding().h(), s.padding().w(),
                                s.dilation().h(), s.dilation().w()}, s.groups(), out[1], out[2], c.relu());
                cur = 1 - cur;
            } else if (step instanceof InferenceStep.Linear l) {
                conv(cuda, src, p, dst, n, l.in(), 1, 1, l.out(), 1, 1, new int[] {1, 1, 0, 0, 1, 1}, 1, 1, 1,
                        l.relu());
                cur = 1 - cur;
            } else if (step instanceof InferenceStep.MaxPool mp) {
                LayerSpec.MaxPool2d s = mp.spec();
                long total = planes * out[1] * out[2];
                cuda.launch(PtxKernels.MAX_POOL2D, GpuModel.grid(total), 1, 1, 256, src, dst, planes, in[1], in[2],
                        out[1], out[2], s.kernel().h(), s.kernel().w(), s.stride().h(), s.stride().w(),
                        s.padding().h(), s.padding().w(), s.dilation().h(), s.dilation().w());
                cur = 1 - cur;
            } else if (step instanceof InferenceStep.AvgPool) {
                long total = planes * out[1] * out[2];
                CUdeviceptr[] w = windows.get(i);
                cuda.launch(PtxKernels.AVG_POOL2D, GpuModel.grid(total), 1, 1, 256, src, dst, planes, in[1], in[2],
                        out[1], out[2], w[0], w[1]);
                cur = 1 - cur;
            } else if (step instanceof InferenceStep.Activation a) {
                long total = planes * in[1] * in[2];
                cuda.launch(PtxKernels.ACTIVATION, GpuModel.grid(total), 1, 1, 256, src, total, a.fn().ordinal());
            } else if (step instanceof InferenceStep.ChannelAffine) {
                long total = planes * in[1] * in[2];
                cuda.launch(PtxKernels.CHANNEL_AFFINE, GpuModel.grid(total), 1, 1, 256, src, p[0], p[1], total, in[0],
                        in[1] * in[2]);
            } else if (!(step instanceof InferenceStep.Flatten)) {
                throw new IllegalStateException(step.toString());
            }
        }
        return cur;
    }

    /** {@code stride, padding, dilation} as {sh, sw, ph, pw, dh, dw}. */
    private static void conv(CudaSession cuda, CUdeviceptr x, CUdeviceptr[] wb, CUdeviceptr y, int n, int cin, int h,
                             int w, int cout, int kh, int kw, int[] spd, int groups, int oh, int ow, boolean relu) {
        long cols = (long) n * oh * ow;
        long gx = (cols + PtxKernels.CONV_TILE - 1) / PtxKernels.CONV_TILE;
        int gy = (cout / groups + PtxKernels.CONV_TILE - 1) / PtxKernels.CONV_TILE;
        if (gx > Integer.MAX_VALUE || gy > 65535 || groups > 65535) {
            throw new RefException("gpu inference: a conv of " + cout + " channels over " + cols + " positions is too"
                    + " large for one launch");
        }
        cuda.launch(PtxKernels.CONV2D, (int) gx, gy, groups, PtxKernels.CONV_THREADS, x, wb[0], wb[1], y, n, cin, h, w,
                cout, kh, kw, spd[0], spd[1], spd[2], spd[3], spd[4], spd[5], groups, oh, ow, wb[1] == null ? 0 : 1,
                relu ? 1 : 0);
    }

    io.tensorgrade.ref.infer.InputFormat format() {
        return format;
    }

    int chunk() {
        return chunk;
    }

    int maxChunk() {
        return maxChunk;
    }

    CUdeviceptr staging() {
        return staging;
    }

    CUdeviceptr buffer(int i) {
        return buffers[i];
    }

    CUdeviceptr affineA() {
        return affineA;
    }

    CUdeviceptr affineB() {
        return affineB;
    }

    void free(CudaSession cuda) {
        cuda.free(staging);
        cuda.free(buffers[0]);
        cuda.free(buffers[1]);
        cuda.free(affineA);
        cuda.free(affineB);
        for (CUdeviceptr[] w : windows) {
            if (w != null) {
                cuda.free(w[0]);
                cuda.free(w[1]);
            }
        }
    }
}
