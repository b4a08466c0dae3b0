package io.tensorgrade.ref.infer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The patch mode of {@link VectorKernel}: output channels in the SIMD lanes. A tile is 8 output
 * positions by 2 vectors of channels; each step broadcasts one input value of each position's window
 * (read in place at {@code posBase[p] + tap[k]}, no im2col) and multiplies it by a row of transposed
 * weights. Suits convolutions on small maps, whose output rows are too short for
 * {@link Kernel#multiplyDirect} but which have many channels. Only for 512-bit SIMD (32 registers).
 */
final class VectorPatchKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 2 * L;
    private static final int POSITIONS = 8;

    private VectorPatchKernel() {
    }

    /** Output channels per weight chunk. */
    static int channels() {
        return NR;
    }

    /** See {@link Kernel#multiplyPatches}. */
    static void multiply(PackedWeights wt, float[] x, int[] tap, int[] posBase, int positions, float[] out,
                         int outOffset, int ldc, boolean relu) {
        float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        float[] tmp = new float[POSITIONS * NR];
        int[] base = new int[POSITIONS];
        for (int p0 = 0; p0 < positions; p0 += POSITIONS) {
            int valid = Math.min(POSITIONS, positions - p0);
            for (int r = 0; r < POSITIONS; r++) {
                // A short last tile repeats its last position; only valid ones are stored.
                base[r] = posBase[p0 + Math.min(r, valid - 1)];
            }
            for (int chunk = 0; chunk < wt.tiles(); chunk++) {
                tile(wt, chunk, x, base, tap, tmp, floor);
                int c0 = chunk * NR;
                int channels = Math.min(NR, wt.rows - c0);
                // tmp is position-major; the output is channel-major: a small transpose.
                for (int c = 0; c < channels; c++) {
                    int o = outOffset + (c0 + c) * ldc + p0;
                    for (int r = 0; r < valid; r++) {
                        out[o + r] = tmp[r * NR + c];
                    }
                }
            }
        }
    }

    private static void tile(PackedWeights wt, int chunk, float[] x, int[] base, int[] tap, float[] tmp, float floor) {
        float[] a = wt.data;
        int ai = chunk * wt.depth * NR;
        FloatVector bias0 = FloatVector.fromArray(S, wt.bias, chunk * NR);
        FloatVector bias1 = FloatVector.fromArray(S, wt.bias, chunk * NR + L);
        int b0 = base[0];
        int b1 = base[1];
        int b2 = base[2];
        int b3 = base[3];
        int b4 = base[4];
        int b5 = base[5];
        int b6 = base[6];
        int b7 = base[7];
        FloatVector c00 = bias0;
        FloatVector c01 = bias1;
        FloatVector c10 = bias0;
        FloatVector c11 = bias1;
        FloatVector c20 = bias0;
        FloatVector c21 = bias1;
        FloatVector c30 = bias0;
        FloatVector c31 = bias1;
        FloatVector c40 = bias0;
        FloatVector c41 = bias1;
        FloatVector c50 = bias0;
        FloatVector c51 = bias1;
        FloatVector c60 = bias0;
        FloatVector c61 = bias1;
        FloatVector c70 = bias0;
        FloatVector c71 = bias1;
        int depth = wt.depth;
        for (int k = 0; k < depth; k++, ai += NR) {
            int t = tap[k];
            FloatVector w0 = FloatVector.fromArray(S, a, ai);
            FloatVector w1 = FloatVector.fromArray(S, a, ai + L);
            FloatVector v = FloatVector.broadcast(S, x[b0 + t]);
            c00 = w0.fma(v, c00);
            c01 = w1.fma(v, c01);
            v = FloatVector.broadcast(S, x[b1 + t]);
            c10 = w0.fma(v, c10);
            c11 = w1.fma(v, c11);
            v = FloatVector.broadcast(S, x[b2 + t]);
            c20 = w0.fma(v, c20);
            c21 = w1.fma(v, c21);
            v = FloatVector.broadcast(S, x[b3 + t]);
            c30 = w0.fma(v, c30);
            c31 = w1.fma(v, c31);
            v = FloatVector.broadcast(S, x[b4 + t]);
            c40 = w0.fma(v, c40);
            c41 = w1.fma(v, c41);
            v = FloatVector.broadcast(S, x[b5 + t]);
            c50 = w0.fma(v, c50);
            c51 = w1.fma(v, c51);
            v = FloatVector.broadcast(S, x[b6 + t]);
            c60 = w0.fma(v, c60);
            c61 = w1.fma(v, c61);
            v = FloatVector.broadcast(S, x[b7 + t]);
            c70 = w0.fma(v, c70);
            c71 = w1.fma(v, c71);
        }
        c00.max(floor).intoArray(tmp, 0);
        c01.max(floor).intoArray(tmp, 0 + L);
        c10.max(floor).intoArray(tmp, 1 * NR);
        c11.max(floor).intoArray(tmp, 1 * NR + L);
        c20.max(floor).intoArray(tmp, 2 * NR);
        c21.max(floor).intoArray(tmp, 2 * NR + L);
        c30.max(floor).intoArray(tmp, 3 * NR);
        c31.max(floor).intoArray(tmp, 3 * NR + L);
        c40.max(floor).intoArray(tmp, 4 * NR);
        c41.max(floor).intoArray(tmp, 4 * NR + L);
        c50.max(floor).intoArray(tmp, 5 * NR);
        c51.max(floor).intoArray(tmp, 5 * NR + L);
        c60.max(floor).intoArray(tmp, 6 * NR);
        c61.max(floor).intoArray(tmp, 6 * NR + L);
        c70.max(floor).intoArray(tmp, 7 * NR);
        c71.max(floor).intoArray(tmp, 7 * NR + L);
    }
}
