package io.tensorgrade.ref.infer;

/** {@code relu}, {@code sigmoid} or {@code tanh} in place, for activations that could not be fused into a kernel. */
final class ElementwiseOp implements Op {
    /** The function applied. */
    enum Fn { RELU, SIGMOID, TANH }

    private final Fn fn;

    ElementwiseOp(Fn fn) {
        this.fn = fn;
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
        int size = in.batch(n);
        switch (fn) {
            case RELU -> {
                for (int i = 0; i < size; i++) {
                    dst[i] = src[i] < 0 ? 0f : src[i];
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < size; i++) {
                    dst[i] = (float) (1 / (1 + Math.exp(-src[i])));
                }
            }
            case TANH -> {
                for (int i = 0; i < size; i++) {
                    dst[i] = (float) Math.tanh(src[i]);
                }
            }
            default -> throw new IllegalStateException(fn.toString());
        }
    }
}
