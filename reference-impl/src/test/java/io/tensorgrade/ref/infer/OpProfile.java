package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.net.Zoo;
import java.util.List;

/** Dev tool: time per op, single thread. */
public final class OpProfile {
    private static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long cpu() {
        return MX.getCurrentThreadCpuTime();
    }

    public static void main(String[] args) {
        NetworkSpec spec = Zoo.get("cs5242-cnn");
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int iters = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Backend backend = args.length > 2 ? Backend.valueOf(args[2]) : Backend.AUTO;
        Kernel kernel = Kernels.of(backend);
        List<Op> ops = OpCompiler.compile(spec, WeightBinder.bind(spec, RandomStateDict.of(spec, 1), WeightNaming.inOrder()), kernel);
        Plan plan = new Plan(spec, ops, InputFormat.raw(3, 32, 32), batch);
        Plan.Workspace ws = plan.new Workspace();
        float[] x = RandomStateDict.images(1, batch, 3, 32, 32);
        long[] t = new long[ops.size()];
        for (int rep = 0; rep < 3; rep++) {
            java.util.Arrays.fill(t, 0);
            long total0 = cpu(); long wall0 = System.nanoTime();
            for (int it = 0; it < iters; it++) {
                System.arraycopy(x, 0, ws.a, 0, x.length);
                for (int i = 0; i < ops.size(); i++) {
                    Op op = ops.get(i);
                    long t0 = cpu();
                    if (op.inPlace()) {
                        op.run(plan.shapes[i], batch, ws.a, ws.a, ws.scratch);
                    } else {
                        op.run(plan.shapes[i], batch, ws.a, ws.b, ws.scratch);
                        float[] tmp = ws.a; ws.a = ws.b; ws.b = tmp;
                    }
                    t[i] += cpu() - t0;
                }
            }
            double total = (cpu() - total0) / 1e9; double wall = (System.nanoTime() - wall0) / 1e9;
            System.out.printf("rep %d kernel %s: wall %.3f s, cpu %.3f ms/image, %.1f GFLOP/s%n", rep, kernel.name(), wall, total * 1e3 / iters / batch, 2 * 13.4e6 * iters * batch / total / 1e9);
            for (int i = 0; i < ops.size(); i++) {
                System.out.printf("  %-12s %s -> %s %.4f ms/image%n", ops.get(i).getClass().getSimpleName(), plan.shapes[i], plan.shapes[i + 1], t[i] / 1e6 / iters / batch);
            }
        }
    }
}
