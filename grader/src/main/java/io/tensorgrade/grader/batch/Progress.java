package io.tensorgrade.grader.batch;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A regrade's progress: on a terminal one live line redrawn in place (done/total, rate, ETA, problems so far);
 * otherwise (CI, a Slurm log) a plain line every few seconds; nothing with {@code --quiet}. Thread-safe.
 */
public final class Progress implements AutoCloseable {

    /** How progress is shown. */
    public enum Mode { LIVE, PLAIN, QUIET }

    private static final long LIVE_EVERY_MS = 250;
    private static final long PLAIN_EVERY_MS = 5_000;

    private final PrintWriter out;
    private final int total;
    private final Mode mode;
    private final long start = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger problems = new AtomicInteger();
    private final Thread ticker;
    private volatile boolean closed;

    /** Progress of {@code total} submissions, written to {@code out}. */
    public Progress(PrintWriter out, int total, Mode mode) {
        this.out = out;
        this.total = total;
        this.mode = mode;
        if (mode == Mode.QUIET || total == 0) {
            ticker = null;
            return;
        }
        long every = mode == Mode.LIVE ? LIVE_EVERY_MS : PLAIN_EVERY_MS;
        ticker = new Thread(() -> {
            while (!closed) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                if (!closed) {
                    print(false);
                }
            }
        }, "tensorgrade-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** The mode for a stream: live on a terminal, plain otherwise. */
    public static Mode modeFor(boolean quiet) {
        if (quiet) {
            return Mode.QUIET;
        }
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb") ? Mode.LIVE : Mode.PLAIN;
    }

    /** One more submission done; {@code problem} when it was not simply graded (error, timeout, needs review). */
    public void done(boolean problem) {
        done.incrementAndGet();
        if (problem) {
            problems.incrementAndGet();
        }
    }

    /** The line as it stands, e.g. {@code 123/500 graded, 4.1/s, ETA 1m32s, 2 to look at}. */
    String line() {
        int d = done.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = seconds > 0 ? d / seconds : 0;
        String eta = d == 0 || rate == 0 ? "ETA --" : "ETA " + duration(Duration.ofSeconds(Math.round((total - d)
                / rate)));
        return String.format(Locale.ROOT, "%d/%d graded, %.1f/s, %s, %d to look at", d, total, rate, eta,
                problems.get());
    }

    private synchronized void print(boolean last) {
        if (mode == Mode.LIVE) {
            int width = 30;
            int filled = total == 0 ? width : (int) ((long) done.get() * width / total);
            out.print("\r[" + "=".repeat(filled) + " ".repeat(width - filled) + "] " + line() + "   ");
            if (last) {
                out.println();
            }
        } else {
            out.println("regrade: " + line());
        }
        out.flush();
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? (s / 3600) + "h" + (s % 3600 / 60) + "m" : s >= 60 ? (s / 60) + "m" + (s % 60) + "s"
                : s + "s";
    }

    /** Stops the ticker and prints the final line. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ticker != null) {
            ticker.interrupt();
            print(true);
        }
    }
}
