package io.tensorgrade.ref.infer;

/**
 * {@code flatten}: per sample, {@code c x h x w} becomes {@code c*h*w} features in NCHW order. In the
 * channel-major batch layout this is a transpose of each channel's {@code [n][h*w]} block, and nothing
 * at all when {@code h*w == 1}.
 */
final class FlattenOp implements Op {

    @Override
    public Dims out(Dims in) {
        return new Dims(in.size(), 1, 1);
    }

    @Override
    public void run(Dims in, int n, float[] src, float[] dst, float[] scratch) {
        int p = in.plane();
        if (p == 1) {
            System.arraycopy(src, 0, dst, 0, in.c() * n);
            return;
        }
        for (int c = 0; c < in.c(); c++) {
            for (int b = 0; b < n; b++) {
                int s = (c * n + b) * p;
                for (int i = 0; i < p; i++) {
                    dst[(c * p + i) * n + b] = src[s + i];
                }
            }
        }
    }
}
