package io.tensorgrade.ref.infer;

/**
 * The per-sample shape of an activation, {@code c x h x w}; flat features are {@code f x 1 x 1}. A
 * batch of {@code n} samples is stored channel-major, {@code [c][n][h][w]}, so a convolution's output
 * rows (one per channel) are the next layer's input without a transpose, and flat features
 * {@code [f][n]} are the same layout with {@code h = w = 1}.
 */
record Dims(int c, int h, int w) {

    int plane() {
        return h * w;
    }

    int size() {
        return c * h * w;
    }

    /** Floats needed for a batch of {@code n}. */
    int batch(int n) {
        return Math.multiplyExact(size(), n);
    }
}
