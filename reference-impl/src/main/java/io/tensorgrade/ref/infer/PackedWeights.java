package io.tensorgrade.ref.infer;

/**
 * A weight matrix {@code rows x depth} (one row per output channel or feature) with its bias, packed
 * for a {@link Kernel}: tiles of {@code mr} rows, each stored depth-major ({@code data[(tile*depth + k)*mr + r]})
 * so the kernel reads one contiguous run per tile. Rows past {@code rows} are zero.
 */
final class PackedWeights {
    final int rows;
    final int depth;
    final int mr;
    final float[] data;
    final float[] bias;

    /** Packs {@code weight[r*depth + k]} (row-major, float64) and {@code bias[r]} (null means zero). */
    PackedWeights(double[] weight, double[] bias, int rows, int depth, int mr) {
        this.rows = rows;
        this.depth = depth;
        this.mr = mr;
        int tiles = tiles();
        data = new float[tiles * depth * mr];
        this.bias = new float[tiles * mr];
        for (int r = 0; r < rows; r++) {
            int tile = r / mr;
            int lane = r % mr;
            for (int k = 0; k < depth; k++) {
                data[(tile * depth + k) * mr + lane] = (float) weight[r * depth + k];
            }
            this.bias[r] = bias == null ? 0f : (float) bias[r];
        }
    }

    int tiles() {
        return (rows + mr - 1) / mr;
    }
}
