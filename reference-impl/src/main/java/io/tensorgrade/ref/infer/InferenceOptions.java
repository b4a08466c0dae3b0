package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.RefException;

/**
 * How an {@link InferenceModel} runs.
 *
 * @param threads   worker threads (a fixed pool per {@code predict} call); each takes whole batches
 * @param batchSize images one worker pushes through the network at a time
 * @param backend   the matrix-multiply kernel
 */
public record InferenceOptions(int threads, int batchSize, Backend backend) {

    /** Images per worker batch when not given: large enough to fill the kernel, small enough to stay in cache. */
    public static final int DEFAULT_BATCH = 32;

    public InferenceOptions {
        if (threads < 1) {
            throw new RefException("inference: threads=" + threads + " must be at least 1");
        }
        if (batchSize < 1) {
            throw new RefException("inference: batchSize=" + batchSize + " must be at least 1");
        }
        if (backend == null) {
            throw new RefException("inference: backend must not be null");
        }
    }

    /** One thread per available core, {@link #DEFAULT_BATCH} images per batch, {@link Backend#AUTO}. */
    public static InferenceOptions defaults() {
        return new InferenceOptions(Runtime.getRuntime().availableProcessors(), DEFAULT_BATCH, Backend.AUTO);
    }

    /** These options with {@code threads} workers. */
    public InferenceOptions withThreads(int threads) {
        return new InferenceOptions(threads, batchSize, backend);
    }

    /** These options with {@code batchSize} images per batch. */
    public InferenceOptions withBatchSize(int batchSize) {
        return new InferenceOptions(threads, batchSize, backend);
    }

    /** These options with {@code backend}. */
    public InferenceOptions withBackend(Backend backend) {
        return new InferenceOptions(threads, batchSize, backend);
    }
}
