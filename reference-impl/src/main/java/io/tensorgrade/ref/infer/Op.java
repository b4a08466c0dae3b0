package io.tensorgrade.ref.infer;

/**
 * One compiled step of an {@link InferenceModel} on a batch in the {@link Dims} layout. Ops hold only
 * immutable (packed) weights, so one instance serves all worker threads.
 */
interface Op {

    /** The output shape for input {@code in} (already validated against the network spec). */
    Dims out(Dims in);

    /** Scratch floats {@link #run} needs for a batch of {@code n}. */
    default int scratch(Dims in, int n) {
        return 0;
    }

    /** True when the op rewrites its input and {@link #run} gets {@code dst == src}. */
    default boolean inPlace() {
        return false;
    }

    /** Computes the batch of {@code n} from {@code src} into {@code dst}. */
    void run(Dims in, int n, float[] src, float[] dst, float[] scratch);
}
