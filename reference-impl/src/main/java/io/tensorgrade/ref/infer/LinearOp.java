package io.tensorgrade.ref.infer;

/** {@code linear} on flat features {@code [in][n]}: the batch is packed as a panel and multiplied once. */
final class LinearOp implements Op {
    private final PackedWeights weights;
    private final boolean relu;
    private final Kernel kernel;

    /** {@code weight} is {@code (out, in)} row-major; {@code bias} may be null. */
    LinearOp(double[] weight, double[] bias, int out, int in, boolean relu, Kernel kernel) {
        this.weights = new PackedWeights(weight, bias, out, in, kernel.mr());
        this.relu = relu;
        this.kernel = kernel;
    }

    @Override
    public Dims out(Dims in) {
        return new Dims(weights.rows, 1, 1);
    }

    @Override
    public int scratch(Dims in, int n) {
        return Math.multiplyExact(weights.depth, ConvOp.roundUp(n, kernel.nr()));
    }

    @Override
    public void run(Dims in, int n, float[] src, float[] dst, float[] scratch) {
        int nr = kernel.nr();
        int depth = weights.depth;
        for (int chunk = 0; chunk * nr < n; chunk++) {
            int first = chunk * nr;
            int width = Math.min(nr, n - first);
            int base = chunk * depth * nr;
            for (int f = 0; f < depth; f++) {
                int d = base + f * nr;
                System.arraycopy(src, f * n + first, scratch, d, width);
                java.util.Arrays.fill(scratch, d + width, d + nr, 0f);
            }
        }
        kernel.multiply(weights, scratch, n, dst, 0, n, relu);
    }
}
