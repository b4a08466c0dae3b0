package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.ops.Pair;

/** Dev tool: im2col vs kernel time for one conv shape. */
public final class KernelProfile {
    private static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int cin = Integer.parseInt(args[0]), cout = Integer.parseInt(args[1]), hw = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        int block = Integer.parseInt(args[4]);
        Kernel kernel = Kernels.of(Backend.AUTO);
        LayerSpec.Conv2d spec = LayerSpec.Conv2d.of(cin, cout, 3, 1, 1);
        Dims padded = new Dims(cin, hw + 2, hw + 2);
        ConvGeometry g = ConvGeometry.of(spec, new Dims(cin, hw, hw));
        int depth = g.depth();
        double[] w = new double[cout * depth];
        for (int i = 0; i < w.length; i++) w[i] = Math.sin(i);
        PackedWeights pw = new PackedWeights(w, null, cout, depth, kernel.mr());
        float[] x = new float[padded.batch(batch)];
        float[] out = new float[cout * batch * hw * hw];
        int cols = batch * hw * hw;
        block = Math.min(block, cols);
        float[] panel = new float[depth * ConvOp.roundUp(block, kernel.nr())];
        Im2col im = new Im2col(g, padded, batch, kernel.nr(), 0);
        for (int rep = 0; rep < 5; rep++) {
            long ti = 0, tg = 0;
            for (int it = 0; it < 20; it++) {
                for (int col0 = 0; col0 < cols; col0 += block) {
                    int width = Math.min(block, cols - col0);
                    long t0 = MX.getCurrentThreadCpuTime();
                    im.fill(x, 0, col0, width, panel);
                    long t1 = MX.getCurrentThreadCpuTime();
                    kernel.multiply(pw, panel, width, out, col0, cols, true);
                    tg += MX.getCurrentThreadCpuTime() - t1;
                    ti += t1 - t0;
                }
            }
            double flop = 2.0 * cout * depth * cols * 20;
            System.out.printf("%s depth %d cols %d block %d: im2col %.3f ms (%.2f ns/elem), gemm %.3f ms = %.1f GF%n", kernel.name(), depth, cols, block,
                    ti / 1e6 / 20, ti / (20.0 * depth * cols), tg / 1e6 / 20, flop / tg);
        }
    }
}
