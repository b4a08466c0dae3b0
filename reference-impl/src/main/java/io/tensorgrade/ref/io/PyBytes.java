package io.tensorgrade.ref.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Python {@code bytes} (or {@code bytearray}) value from a pickle. Equal by content so that it works
 * as a dictionary key ({@code b'data'} in CIFAR batches). The array is shared, not copied: values
 * never leave this package.
 */
final class PyBytes {
    private final byte[] data;
    private final int hash;

    PyBytes(byte[] data) {
        this.data = data;
        this.hash = Arrays.hashCode(data);
    }

    static PyBytes ascii(String s) {
        return new PyBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The bytes themselves, not a copy. */
    byte[] data() {
        return data;
    }

    int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyBytes b && (b == this || hash == b.hash && Arrays.equals(data, b.data));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        int n = Math.min(data.length, 40);
        String text = new String(data, 0, n, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?");
        return "b'" + text + (data.length > n ? "...'" : "'");
    }
}
