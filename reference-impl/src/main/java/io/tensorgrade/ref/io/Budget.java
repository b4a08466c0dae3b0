package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;

/**
 * A count of the bytes a reader has allocated for one file, against a maximum: decompressed zip
 * entries, strings in a pickle, tensor values. A crafted file (a zip bomb, a tensor view of 10^10
 * elements over one stored value, a string re-encoded a thousand times) fails here, before the
 * allocation, with a message that names the file.
 */
final class Budget {
    private final String file;
    private final long max;
    private long used;

    Budget(String file, long max) {
        if (max <= 0) {
            throw new RefException("maxBytes must be positive, got " + max);
        }
        this.file = file;
        this.max = max;
    }

    /** Records {@code bytes} more, or fails naming {@code what} needed them. */
    void charge(long bytes, String what) {
        if (bytes < 0 || bytes > max - used) {
            throw new RefException(file + ": " + what + " needs " + human(bytes) + ", more than the " + human(max)
                    + " this reader may allocate for one file" + (used > 0 ? " (" + human(used) + " already used)" : ""));
        }
        used += bytes;
    }

    /** The bytes still available. */
    long left() {
        return max - used;
    }

    long max() {
        return max;
    }

    String file() {
        return file;
    }

    static String human(long bytes) {
        if (bytes < 0) {
            return "an impossible amount (" + bytes + " bytes)";
        }
        if (bytes < 10 * 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
