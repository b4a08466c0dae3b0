package io.tensorgrade.ref.infer;

import java.util.stream.IntStream;

/**
 * Calls a kernel on tiny inputs through each of its entry points (with partial tiles, ReLU on and off)
 * until a probe per kernel loop shows that the JIT has compiled it with C2, or a time limit passes.
 */
final class KernelWarmUp {
    /** Longest a warm-up may take, should the JIT never compile the kernel (e.g. a JVM without C2). */
    private static final long LIMIT_NANOS = 3_000_000_000L;
    /** A probe faster than this ran C2-compiled code (about 1 us; C1-compiled vector code takes some 100 us). */
    private static final long COMPILED_NANOS = 20_000;
    private static final int DEPTH = 2;
    /** Probe depth: enough work that C2's code and C1's differ a hundredfold. */
    private static final int PROBE_DEPTH = 256;

    private final Kernel k;
    private final int mr;
    private final int nr;
    private final int lanes;
    private final int channels;
    private final PackedWeights w;
    private final PackedWeights wt;
    private final float[] panel;
    private final float[] out;
    private final int[] tap;
    private final int[] laneBase;
    private final int[] posBase = IntStream.range(0, 9).toArray();
    private final PackedWeights probe;
    private final PackedWeights probeT;
    private final float[] probeX;
    private final int[] probeTap = IntStream.range(0, PROBE_DEPTH).toArray();

    KernelWarmUp(Kernel k) {
        this.k = k;
        mr = k.mr();
        nr = k.nr();
        lanes = k.directLanes();
        channels = k.patchChannels();
        int wide = Math.max(nr, channels) + 1;
        w = new PackedWeights(new double[(mr + 1) * DEPTH], new double[mr + 1], mr + 1, DEPTH, mr);
        wt = new PackedWeights(new double[wide * DEPTH], null, wide, DEPTH, Math.max(channels, 1));
        panel = new float[2 * DEPTH * nr + 3 * lanes];
        out = new float[wide * 2 * nr];
        tap = new int[] {0, nr};
        laneBase = new int[] {0, lanes, 2 * lanes};
        probe = new PackedWeights(new double[mr * PROBE_DEPTH], null, mr, PROBE_DEPTH, mr);
        probeT = new PackedWeights(new double[Math.max(channels, 1) * PROBE_DEPTH], null, Math.max(channels, 1),
                PROBE_DEPTH, Math.max(channels, 1));
        probeX = new float[PROBE_DEPTH * nr + 16];
    }

    void run() {
        long start = System.nanoTime();
        while (System.nanoTime() - start < LIMIT_NANOS) {
            for (int i = 0; i < 100; i++) {
                boolean relu = (i & 1) == 0;
                k.multiply(w, panel, nr + 3, out, 0, 2 * nr, relu);
                if (lanes > 0) {
                    k.multiplyDirect(w, panel, tap, laneBase, 3, out, 0, 2 * nr, !relu);
                }
                if (channels > 0) {
                    k.multiplyPatches(wt, panel, tap, posBase, posBase.length, out, 0, posBase.length, relu);
                }
            }
            if (compiled()) {
                return;
            }
        }
    }

    private boolean compiled() {
        long t0 = System.nanoTime();
        k.multiply(probe, probeX, nr, out, 0, nr, false);
        long t1 = System.nanoTime();
        if (channels > 0) {
            k.multiplyPatches(probeT, probeX, probeTap, posBase, 8, out, 0, 8, false);
        }
        long t2 = System.nanoTime();
        return t1 - t0 < COMPILED_NANOS && t2 - t1 < COMPILED_NANOS;
    }
}
