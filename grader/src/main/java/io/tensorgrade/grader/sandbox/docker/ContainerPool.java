package io.tensorgrade.grader.sandbox.docker;

import io.tensorgrade.grader.sandbox.Limits;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.testcontainers.containers.GenericContainer;

/**
 * Keeps a few containers started ahead for the next jobs with the same limits, so that a batch
 * does not wait for a container start per submission. Each container still runs exactly one job.
 */
final class ContainerPool {
    /** A pre-started container older than this is replaced (it must outlive the job it gets). */
    private static final long MAX_AGE_NANOS = SandboxContainers.MARGIN.dividedBy(3).toNanos();

    private record Spare(GenericContainer<?> container, long startedAt) {
    }

    private final String image;
    private final int spares;
    private final Map<Limits, Deque<Spare>> ready = new HashMap<>();
    private final Map<Limits, Integer> starting = new HashMap<>();
    private final ExecutorService starter;
    private boolean closed;

    ContainerPool(String image, int spares) {
        this.image = image;
        this.spares = spares;
        this.starter = Executors.newFixedThreadPool(Math.max(1, spares), r -> {
            Thread t = new Thread(r, "tensorgrade-container-starter");
            t.setDaemon(true);
            return t;
        });
        SandboxContainers.beforeExit(this::close);
    }

    /** A started container for a job with these limits: a spare when one is ready, else a new one. */
    GenericContainer<?> take(Limits limits) {
        Spare spare;
        synchronized (this) {
            spare = fresh(limits);
            refill(limits);
        }
        return spare != null ? spare.container() : SandboxContainers.start(image, limits);
    }

    private Spare fresh(Limits limits) {
        Deque<Spare> q = ready.get(limits);
        while (q != null && !q.isEmpty()) {
            Spare s = q.pollFirst();
            if (System.nanoTime() - s.startedAt() < MAX_AGE_NANOS && s.container().isRunning()) {
                return s;
            }
            SandboxContainers.removeLater(s.container());
        }
        return null;
    }

    private void refill(Limits limits) {
        int have = ready.getOrDefault(limits, new ArrayDeque<>()).size() + starting.getOrDefault(limits, 0);
        for (int i = have; i < spares && !closed; i++) {
            starting.merge(limits, 1, Integer::sum);
            starter.execute(() -> startSpare(limits));
        }
    }

    private void startSpare(Limits limits) {
        GenericContainer<?> c = null;
        try {
            c = SandboxContainers.start(image, limits);
        } catch (RuntimeException ignored) {
            // the job that needs one will start its own and report the problem
        }
        synchronized (this) {
            starting.merge(limits, -1, Integer::sum);
            if (c != null && !closed) {
                ready.computeIfAbsent(limits, k -> new ArrayDeque<>()).addLast(new Spare(c, System.nanoTime()));
            } else {
                SandboxContainers.removeLater(c);
            }
        }
    }

    /** Removes the spares and starts no more. */
    synchronized void close() {
        closed = true;
        ready.values().forEach(q -> q.forEach(s -> SandboxContainers.removeLater(s.container())));
        ready.clear();
        starter.shutdownNow();
    }

}
