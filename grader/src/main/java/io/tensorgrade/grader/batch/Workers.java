package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.sandbox.Limits;
import java.lang.management.ManagementFactory;

/**
 * How many submissions a regrade grades at once when {@code --jobs} is not given: one per core for answers
 * only; for rubrics that run code, also no more sandboxes than the machine's memory holds at their limit
 * (each sandbox may use {@link Limits#memoryBytes()} and {@link Limits#cpus()}).
 */
public final class Workers {

    private Workers() {
    }

    /** The default worker count for {@code rubric} on this machine. */
    public static int defaultCount(Rubric rubric) {
        int cores = Runtime.getRuntime().availableProcessors();
        boolean code = rubric.parts().stream().anyMatch(p -> p.check().sandboxed() != null
                || p.check().scoresModel());
        if (!code) {
            return Math.max(1, cores);
        }
        Limits limits = Limits.defaults();
        int byCpu = (int) Math.max(1, Math.floor(cores / limits.cpus()));
        long memory = totalMemory();
        int byMemory = memory <= 0 ? byCpu : (int) Math.max(1, memory / limits.memoryBytes());
        return Math.max(1, Math.min(byCpu, byMemory));
    }

    private static long totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }
}
