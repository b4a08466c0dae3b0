package io.tensorgrade.ref.io;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** Decoders for the text arguments of protocol 0 opcodes (INT, LONG, FLOAT, STRING, UNICODE). */
final class PickleText {
    private PickleText() {
    }

    /** INT: a decimal integer, or {@code 00}/{@code 01} for False/True as Python 2.2 wrote them. */
    static Object integer(String line, int maxDigits) {
        if (line.equals("00")) {
            return Boolean.FALSE;
        }
        if (line.equals("01")) {
            return Boolean.TRUE;
        }
        return decimal(line, maxDigits, "INT");
    }

    /** LONG: a decimal integer with an optional trailing {@code L}. */
    static Object longInteger(String line, int maxDigits) {
        String digits = line.endsWith("L") ? line.substring(0, line.length() - 1) : line;
        return decimal(digits, maxDigits, "LONG");
    }

    private static Object decimal(String digits, int maxDigits, String opcode) {
        if (digits.length() > maxDigits) {
            throw new PickleException(opcode + " argument has " + digits.length() + " digits, more than the "
                    + maxDigits + " allowed");
        }
        if (!digits.matches("[+-]?[0-9]+")) {
            throw new PickleException(opcode + " argument '" + shorten(digits) + "' is not an integer");
        }
        return PickleInput.normalize(new BigInteger(digits.startsWith("+") ? digits.substring(1) : digits));
    }

    /** FLOAT: Python's repr of a float ({@code inf}, {@code nan} included). */
    static double floating(String line) {
        String s = line.strip();
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            default -> {
                // Reject hex floats and type suffixes that Java accepts but Python does not write.
                if (s.length() > 400 || !s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                    throw new PickleException("FLOAT argument '" + shorten(s) + "' is not a number");
                }
                return Double.parseDouble(s);
            }
        }
    }

    /** STRING: a quoted Python 2 string literal with backslash escapes, decoded to bytes. */
    static PyBytes quoted(String line) {
        String s = line.strip();
        if (s.length() < 2 || s.charAt(0) != s.charAt(s.length() - 1) || s.charAt(0) != '\'' && s.charAt(0) != '"') {
            throw new PickleException("STRING argument is not a quoted string: " + shorten(s));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (++i >= s.length() - 1) {
                throw new PickleException("STRING argument ends with a lone backslash");
            }
            char e = s.charAt(i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'v' -> out.write(11);
                case 'x' -> {
                    if (i + 2 >= s.length() - 1 || !isHex(s, i + 1, 2)) {
                        throw new PickleException("STRING argument has a bad \\x escape");
                    }
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = 0;
                        int k = i;
                        while (k < s.length() - 1 && k < i + 3 && s.charAt(k) >= '0' && s.charAt(k) <= '7') {
                            v = v * 8 + s.charAt(k++) - '0';
                        }
                        out.write(v & 0xff);
                        i = k - 1;
                    } else {
                        // \\, \', \" and unknown escapes (kept with their backslash, as Python does).
                        if (e != '\\' && e != '\'' && e != '"') {
                            out.write('\\');
                        }
                        out.write(e);
                    }
                }
            }
        }
        return new PyBytes(out.toByteArray());
    }

    /** UNICODE: latin-1 text with {@code \\uXXXX} and {@code \\UXXXXXXXX} escapes (raw-unicode-escape). */
    static String rawUnicodeEscape(byte[] raw) {
        StringBuilder b = new StringBuilder(raw.length);
        String s = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')) {
                int n = s.charAt(i + 1) == 'u' ? 4 : 8;
                if (i + 2 + n > s.length() || !isHex(s, i + 2, n)) {
                    throw new PickleException("UNICODE argument has a truncated \\" + s.charAt(i + 1) + " escape");
                }
                long cp = Long.parseLong(s.substring(i + 2, i + 2 + n), 16);
                if (cp > Character.MAX_CODE_POINT) {
                    throw new PickleException("UNICODE argument has an escape beyond U+10FFFF");
                }
                b.appendCodePoint((int) cp);
                i += 1 + n;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isHex(String s, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
