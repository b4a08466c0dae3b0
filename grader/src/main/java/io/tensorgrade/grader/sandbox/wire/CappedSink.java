package io.tensorgrade.grader.sandbox.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code cap} bytes written to it and counts the rest; thread-safe. */
public final class CappedSink {
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    public CappedSink(long cap) {
        this.cap = (int) Math.min(cap, Integer.MAX_VALUE - 8);
    }

    public synchronized void write(byte[] b, int off, int len) {
        total += len;
        int room = cap - kept.size();
        if (room > 0) {
            kept.write(b, off, Math.min(room, len));
        }
    }

    /** Reads {@code in} to its end on a daemon thread (so a full pipe never blocks the writer). */
    public Thread drain(InputStream in, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                write(buf, 0, n);
                }
            } catch (IOException ignored) {
                // the process was killed; what was read is kept
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    public synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        long dropped = total - kept.size();
        return dropped > 0 ? s + "\n[tensorgrade: " + dropped + " more bytes were dropped]\n" : s;
    }
}
