package io.tensorgrade.grader.cli;

import java.util.function.IntConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM for a command that must stop in order (a regrade): the first one calls the handler with the
 * exit code to use (130 or 143); a second one exits at once (the shutdown hooks still remove containers). {@link #reset} restores the JVM's own handling.
 */
final class Signals {

    private static final Signal INT = new Signal("INT");
    private static final Signal TERM = new Signal("TERM");
    private static SignalHandler oldInt;
    private static SignalHandler oldTerm;

    private Signals() {
    }

    /** Installs the handler for SIGINT and SIGTERM. */
    static synchronized void onInterrupt(IntConsumer handler) {
        boolean[] seen = {false};
        SignalHandler h = sig -> {
            int code = sig.getName().equals("INT") ? RegradeCommand.INTERRUPTED : RegradeCommand.TERMINATED;
            synchronized (seen) {
                if (seen[0]) {
                    // At once, but through the shutdown hooks: they remove this process's containers.
                    new Thread(() -> System.exit(code), "tensorgrade-exit").start();
                    return;
                }
                seen[0] = true;
            }
            // Off the signal thread: the handler may wait on sandboxes being removed.
            Thread t = new Thread(() -> handler.accept(code), "tensorgrade-stop");
            t.setDaemon(true);
            t.start();
        };
        oldInt = Signal.handle(INT, h);
        oldTerm = Signal.handle(TERM, h);
    }

    /** Restores the handlers that were there before. */
    static synchronized void reset() {
        if (oldInt != null) {
            Signal.handle(INT, oldInt);
            Signal.handle(TERM, oldTerm);
            oldInt = null;
            oldTerm = null;
        }
    }
}
