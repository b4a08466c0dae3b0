package io.tensorgrade.ref.infer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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
    private final int mr;

    VectorKernel() {
        mr = S.vectorBitSize() >= 512 ? 8 : 4;
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
        for (int chunk = 0; chunk * NR < cols; chunk++) {
            int valid = Math.min(NR, cols - chunk * NR);
            int p = chunk * w.depth * NR;
            for (int tile = 0; tile < w.tiles(); tile++) {
                int rows = Math.min(mr, w.rows - tile * mr);
                int o = outOffset + tile * mr * ldc + chunk * NR;
                if (mr == 8) {
                    tile8(w, tile, panel, p, out, o, ldc, rows, valid, relu);
                } else {
                    tile4(w, tile, panel, p, out, o, ldc, rows, valid, relu);
                }
            }
        }
    }

    private static void tile8(PackedWeights w, int tile, float[] b, int p, float[] out, int o, int ldc, int rows,
                              int valid, boolean relu) {
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
        for (int k = 0; k < w.depth; k++, ai += 8, p += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, p);
            FloatVector b1 = FloatVector.fromArray(S, b, p + L);
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
        store(c00, c01, out, o, valid, relu);
        if (rows > 1) {
            store(c10, c11, out, o + ldc, valid, relu);
        }
        if (rows > 2) {
            store(c20, c21, out, o + 2 * ldc, valid, relu);
        }
        if (rows > 3) {
            store(c30, c31, out, o + 3 * ldc, valid, relu);
        }
        if (rows > 4) {
            store(c40, c41, out, o + 4 * ldc, valid, relu);
        }
        if (rows > 5) {
            store(c50, c51, out, o + 5 * ldc, valid, relu);
        }
        if (rows > 6) {
            store(c60, c61, out, o + 6 * ldc, valid, relu);
        }
        if (rows > 7) {
            store(c70, c71, out, o + 7 * ldc, valid, relu);
        }
    }

    private static void tile4(PackedWeights w, int tile, float[] b, int p, float[] out, int o, int ldc, int rows,
                              int valid, boolean relu) {
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
        for (int k = 0; k < w.depth; k++, ai += 4, p += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, p);
            FloatVector b1 = FloatVector.fromArray(S, b, p + L);
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
        store(c00, c01, out, o, valid, relu);
        if (rows > 1) {
            store(c10, c11, out, o + ldc, valid, relu);
        }
        if (rows > 2) {
            store(c20, c21, out, o + 2 * ldc, valid, relu);
        }
        if (rows > 3) {
            store(c30, c31, out, o + 3 * ldc, valid, relu);
        }
    }

    /** Stores the first {@code valid} of the {@code 2L} columns of one row, after ReLU when asked. */
    private static void store(FloatVector v0, FloatVector v1, float[] out, int o, int valid, boolean relu) {
        if (relu) {
            v0 = v0.lanewise(VectorOperators.MAX, 0f);
            v1 = v1.lanewise(VectorOperators.MAX, 0f);
        }
        if (valid == NR) {
            v0.intoArray(out, o);
            v1.intoArray(out, o + L);
        } else {
            VectorMask<Float> m0 = S.indexInRange(0, valid);
            VectorMask<Float> m1 = S.indexInRange(L, valid);
            v0.intoArray(out, o, m0);
            v1.intoArray(out, o + L, m1);
        }
    }
}
