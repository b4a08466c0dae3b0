package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.RefException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs numbered batches on a fixed pool of worker threads, each with its own state (buffers), taking
 * the next batch number until none is left. One thread runs in the caller without a pool.
 */
final class Workers {
    /** What a worker does with one batch number, given its own state. */
    interface Task<S> {
        void run(S state, int batch);
    }

    private Workers() {
    }

    static <S> void run(int batches, int threads, Supplier<S> state, Task<S> task) {
        int workers = Math.min(threads, batches);
        if (workers <= 1) {
            S s = state.get();
            for (int i = 0; i < batches; i++) {
                task.run(s, i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "tensorgrade-infer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    S s = state.get();
                    for (int i = next.getAndIncrement(); i < batches; i = next.getAndIncrement()) {
                        task.run(s, i);
                    }
                }));
            }
            for (Future<?> f : futures) {
                await(f, next, batches);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(Future<?> f, AtomicInteger next, int batches) {
        try {
            f.get();
        } catch (ExecutionException e) {
            next.set(batches);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new RefException("inference: a worker failed: " + cause, cause);
        } catch (InterruptedException e) {
            next.set(batches);
            Thread.currentThread().interrupt();
            throw new RefException("inference: interrupted while waiting for the workers", e);
        }
    }
}
