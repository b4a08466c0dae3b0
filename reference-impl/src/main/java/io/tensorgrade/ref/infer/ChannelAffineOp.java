package io.tensorgrade.ref.infer;

/** {@code x * scale[c] + shift[c]} in place: a batch norm in eval mode that could not be folded into a conv. */
final class ChannelAffineOp implements Op {
    private final float[] scale;
    private final float[] shift;

    ChannelAffineOp(double[] scale, double[] shift) {
        this.scale = new float[scale.length];
        this.shift = new float[shift.length];
        for (int c = 0; c < scale.length; c++) {
            this.scale[c] = (float) scale[c];
            this.shift[c] = (float) shift[c];
        }
    }

    @Override
    public Dims out(Dims in) {
        return in;
    }

    @Override
    public boolean inPlace() {
        return true;
    }

    @Override
    public void run(Dims in, int n, float[] src, float[] dst, float[] scratch) {
        int block = n * in.plane();
        for (int c = 0; c < in.c(); c++) {
            float a = scale[c];
            float b = shift[c];
            for (int i = c * block; i < (c + 1) * block; i++) {
                dst[i] = src[i] * a + b;
            }
        }
    }
}
