package io.tensorgrade.grader.sandbox.process;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kills a process and everything under it. The runner is a child subreaper, so forks that escape
 * their process group stay its descendants; with bubblewrap, the pid namespace dies with it too.
 */
final class ProcessTree {
    private ProcessTree() {
    }

    static void kill(ProcessHandle root) {
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> all = root.descendants().toList();
            if (all.isEmpty() && !root.isAlive()) {
                return;
            }
            all.forEach(ProcessHandle::destroyForcibly);
            root.destroyForcibly();
            try {
                root.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // still going: the next round tries again
            }
        }
    }
}
