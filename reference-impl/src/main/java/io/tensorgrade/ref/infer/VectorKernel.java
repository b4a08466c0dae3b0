package io.tensorgrade.ref.infer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernel} on the JDK's Vector API: a register tile of {@code mr} rows by two SIMD vectors of
 * columns, accumulated with FMA over the whole depth, with bias and ReLU applied before the single
 * store. Eight rows on 512-bit SIMD (16 accumulators of the 32 registers), four rows on narrower SIMD.
 * Only loaded when {@code jdk.incubator.vector} is in the boot layer (see {@link Kernels}).
 */
final class VectorKernel implements Kernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 2 * L;
    private static boolean warm;
    private final int mr;

    VectorKernel() {
        mr = S.vectorBitSize() >= 512 ? 8 : 4;
    }

    /**
     * Calls the kernel on tiny inputs, once per JVM, until the JIT has compiled it. Until then every
     * vector operation runs as a slow Java fallback (allocating) while the JIT counts calls and loop
     * iterations: tiny calls reach its thresholds in about 0.5 s, the first real batches would take
     * 1.5 s and more, so this pays even for a single {@code predict}.
     */
    @Override
    public void warmUp() {
        synchronized (VectorKernel.class) {
            if (!warm) {
                new KernelWarmUp(this).run();
                warm = true;
            }
        }
    }

    @Override public String name() {
        return "vector-" + S.vectorBitSize() + "x" + mr;
    }

    @Override public int mr() {
        return mr;
    }

    @Override public int nr() {
        return NR;
    }

    @Override
    public void multiply(PackedWeights w, float[] panel, int cols, float[] out, int outOffset, int ldc,
                         boolean relu) {
        int[] tap = new int[w.depth];
        for (int k = 0; k < tap.length; k++) {
            tap[k] = k * NR;
        }
        float[] tmp = new float[mr * NR];
        for (int chunk = 0; chunk * NR < cols; chunk++) {
            int base = chunk * w.depth * NR;
            chunk(w, panel, base, base + L, tap, Math.min(NR, cols - chunk * NR), out, outOffset + chunk * NR, ldc,
                    relu, tmp);
        }
    }

    @Override
    public int directLanes() {
        return L;
    }

    @Override
    public void multiplyDirect(PackedWeights w, float[] x, int[] tap, int[] laneBase, int groups, float[] out,
                               int outOffset, int ldc, boolean relu) {
        float[] tmp = new float[mr * NR];
        for (int g = 0; g < groups; g += 2) {
            // An odd last group is paired with itself and only its first half stored.
            int second = g + 1 < groups ? laneBase[g + 1] : laneBase[g];
            chunk(w, x, laneBase[g], second, tap, g + 1 < groups ? NR : L, out, outOffset + g * L, ldc, relu, tmp);
        }
    }

    @Override
    public int patchChannels() {
        return mr == 8 ? VectorPatchKernel.channels() : 0;
    }

    @Override
    public void multiplyPatches(PackedWeights wt, float[] x, int[] tap, int[] posBase, int positions, float[] out,
                                int outOffset, int ldc, boolean relu) {
        VectorPatchKernel.multiply(wt, x, tap, posBase, positions, out, outOffset, ldc, relu);
    }

    /** All weight tiles times the {@code 2L} columns read at {@code base0 + tap[k]} and {@code base1 + tap[k]}. */
    private void chunk(PackedWeights w, float[] b, int base0, int base1, int[] tap, int valid, float[] out, int o0,
                       int ldc, boolean relu, float[] tmp) {
        // Clamping at -inf is the identity (NaN stays NaN), so ReLU costs no branch in the kernel.
        float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        for (int tile = 0; tile < w.tiles(); tile++) {
            int rows = Math.min(mr, w.rows - tile * mr);
            int o = o0 + tile * mr * ldc;
            // A partial tile is written to tmp (row stride NR) and copied, so the kernels store only full vectors.
            boolean full = rows == mr && valid == NR;
            if (mr == 8) {
                tile8(w, tile, b, base0, base1, tap, full ? out : tmp, full ? o : 0, full ? ldc : NR, floor);
            } else {
                tile4(w, tile, b, base0, base1, tap, full ? out : tmp, full ? o : 0, full ? ldc : NR, floor);
            }
            if (!full) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(tmp, r * NR, out, o + r * ldc, valid);
                }
            }
        }
    }

    private static void tile8(PackedWeights w, int tile, float[] b, int base0, int base1, int[] tap, float[] out,
                              int o, int ldc, float floor) {
        float[] a = w.data;
        int ai = tile * w.depth * 8;
        int bi = tile * 8;
        FloatVector c00 = FloatVector.broadcast(S, w.bias[bi]);
        FloatVector c01 = c00;
        FloatVector c10 = FloatVector.broadcast(S, w.bias[bi + 1]);
        FloatVector c11 = c10;
        FloatVector c20 = FloatVector.broadcast(S, w.bias[bi + 2]);
        FloatVector c21 = c20;
        FloatVector c30 = FloatVector.broadcast(S, w.bias[bi + 3]);
        FloatVector c31 = c30;
        FloatVector c40 = FloatVector.broadcast(S, w.bias[bi + 4]);
        FloatVector c41 = c40;
        FloatVector c50 = FloatVector.broadcast(S, w.bias[bi + 5]);
        FloatVector c51 = c50;
        FloatVector c60 = FloatVector.broadcast(S, w.bias[bi + 6]);
        FloatVector c61 = c60;
        FloatVector c70 = FloatVector.broadcast(S, w.bias[bi + 7]);
        FloatVector c71 = c70;
        int depth = w.depth;
        for (int k = 0; k < depth; k++, ai += 8) {
            int t = tap[k];
            FloatVector b0 = FloatVector.fromArray(S, b, base0 + t);
            FloatVector b1 = FloatVector.fromArray(S, b, base1 + t);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[ai + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[ai + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[ai + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(S, a[ai + 4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(S, a[ai + 5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
            x = FloatVector.broadcast(S, a[ai + 6]);
            c60 = b0.fma(x, c60);
            c61 = b1.fma(x, c61);
            x = FloatVector.broadcast(S, a[ai + 7]);
            c70 = b0.fma(x, c70);
            c71 = b1.fma(x, c71);
        }
        c00 = c00.max(floor);
        c01 = c01.max(floor);
        c10 = c10.max(floor);
        c11 = c11.max(floor);
        c20 = c20.max(floor);
        c21 = c21.max(floor);
        c30 = c30.max(floor);
        c31 = c31.max(floor);
        c40 = c40.max(floor);
        c41 = c41.max(floor);
        c50 = c50.max(floor);
        c51 = c51.max(floor);
        c60 = c60.max(floor);
        c61 = c61.max(floor);
        c70 = c70.max(floor);
        c71 = c71.max(floor);
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        c10.intoArray(out, o + ldc);
        c11.intoArray(out, o + ldc + L);
        c20.intoArray(out, o + 2 * ldc);
        c21.intoArray(out, o + 2 * ldc + L);
        c30.intoArray(out, o + 3 * ldc);
        c31.intoArray(out, o + 3 * ldc + L);
        c40.intoArray(out, o + 4 * ldc);
        c41.intoArray(out, o + 4 * ldc + L);
        c50.intoArray(out, o + 5 * ldc);
        c51.intoArray(out, o + 5 * ldc + L);
        c60.intoArray(out, o + 6 * ldc);
        c61.intoArray(out, o + 6 * ldc + L);
        c70.intoArray(out, o + 7 * ldc);
        c71.intoArray(out, o + 7 * ldc + L);
    }

    private static void tile4(PackedWeights w, int tile, float[] b, int base0, int base1, int[] tap, float[] out,
                              int o, int ldc, float floor) {
        float[] a = w.data;
        int ai = tile * w.depth * 4;
        int bi = tile * 4;
        FloatVector c00 = FloatVector.broadcast(S, w.bias[bi]);
        FloatVector c01 = c00;
        FloatVector c10 = FloatVector.broadcast(S, w.bias[bi + 1]);
        FloatVector c11 = c10;
        FloatVector c20 = FloatVector.broadcast(S, w.bias[bi + 2]);
        FloatVector c21 = c20;
        FloatVector c30 = FloatVector.broadcast(S, w.bias[bi + 3]);
        FloatVector c31 = c30;
        int depth = w.depth;
        for (int k = 0; k < depth; k++, ai += 4) {
            int t = tap[k];
            FloatVector b0 = FloatVector.fromArray(S, b, base0 + t);
            FloatVector b1 = FloatVector.fromArray(S, b, base1 + t);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[ai + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[ai + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[ai + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
        }
        c00 = c00.max(floor);
        c01 = c01.max(floor);
        c10 = c10.max(floor);
        c11 = c11.max(floor);
        c20 = c20.max(floor);
        c21 = c21.max(floor);
        c30 = c30.max(floor);
        c31 = c31.max(floor);
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        c10.intoArray(out, o + ldc);
        c11.intoArray(out, o + ldc + L);
        c20.intoArray(out, o + 2 * ldc);
        c21.intoArray(out, o + 2 * ldc + L);
        c30.intoArray(out, o + 3 * ldc);
        c31.intoArray(out, o + 3 * ldc + L);
    }
}
