package io.tensorgrade.ref.io;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over the bytes of a pickle. Every length read from the input is checked against the bytes
 * that remain before anything is allocated, so a length field of 2^60 fails at once.
 */
final class PickleInput {
    private final byte[] bytes;
    private final int end;
    private int pos;

    PickleInput(byte[] bytes, int start) {
        this.bytes = bytes;
        this.pos = start;
        this.end = bytes.length;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int u8() {
        need(1);
        return bytes[pos++] & 0xff;
    }

    int u16() {
        need(2);
        int v = (bytes[pos] & 0xff) | (bytes[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    int s32() {
        need(4);
        int v = (bytes[pos] & 0xff) | (bytes[pos + 1] & 0xff) << 8 | (bytes[pos + 2] & 0xff) << 16
                | (bytes[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    long u32() {
        return s32() & 0xffffffffL;
    }

    long s64() {
        long lo = u32();
        long hi = u32();
        return lo | hi << 32;
    }

    double f64BigEndian() {
        need(8);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = bits << 8 | (bytes[pos++] & 0xff);
        }
        return Double.longBitsToDouble(bits);
    }

    /** The next {@code n} bytes (a copy); {@code n} comes from the input and is checked first. */
    byte[] take(long n, String what) {
        if (n < 0 || n > end - pos) {
            throw new PickleException(what + " of " + n + " bytes runs past the end of the pickle ("
                    + (end - pos) + " bytes left)");
        }
        byte[] out = new byte[(int) n];
        System.arraycopy(bytes, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    /** Checks that {@code n} more bytes exist (a FRAME, a string) without reading them. */
    void checkAvailable(long n, String what) {
        if (n < 0 || n > end - pos) {
            throw new PickleException(what + " of " + n + " bytes runs past the end of the pickle ("
                    + (end - pos) + " bytes left)");
        }
    }

    /** A UTF-8 string of {@code n} bytes. */
    String utf8(long n, String what) {
        return new String(take(n, what), StandardCharsets.UTF_8);
    }

    /** The text up to the next newline (not included), for protocol 0 arguments. */
    String line(String what) {
        int start = pos;
        while (pos < end && bytes[pos] != '\n') {
            pos++;
        }
        if (pos >= end) {
            throw new PickleException(what + " is not terminated by a newline before the end of the pickle");
        }
        String s = new String(bytes, start, pos - start, StandardCharsets.ISO_8859_1);
        pos++;
        return s;
    }

    /** The raw bytes up to the next newline, for the protocol 0 UNICODE opcode. */
    byte[] lineBytes(String what) {
        int start = pos;
        line(what);
        byte[] out = new byte[pos - 1 - start];
        System.arraycopy(bytes, start, out, 0, out.length);
        return out;
    }

    /** A little-endian two's complement integer of {@code n} bytes (LONG1, LONG4). */
    Object longLE(long n, int maxBytes) {
        if (n > maxBytes) {
            throw new PickleException("an integer of " + n + " bytes is longer than the " + maxBytes + " allowed");
        }
        byte[] le = take(n, "an integer");
        if (le.length == 0) {
            return 0L;
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return normalize(new BigInteger(be));
    }

    /** A Long when the value fits, as everywhere else in the machine; a BigInteger otherwise. */
    static Object normalize(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private void need(int n) {
        if (end - pos < n) {
            throw new PickleException("the pickle ends in the middle of an opcode (truncated file?)");
        }
    }
}
