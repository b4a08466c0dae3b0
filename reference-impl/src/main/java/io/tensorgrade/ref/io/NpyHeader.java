package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dictionary in a {@code .npy} header, e.g. {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }},
 * parsed with a tiny reader for the Python literals numpy writes (dicts, tuples, lists, strings, ints,
 * True/False/None) rather than with regular expressions, so odd spacing and Python 2 {@code 3L} ints work.
 */
record NpyHeader(Object descr, boolean fortranOrder, int[] shape) {
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    NpyHeader {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Parses the header text of the file called {@code name} (used in messages). */
    static NpyHeader parse(String text, String name) {
        Object value;
        try {
            Reader r = new Reader(text);
            value = r.value();
            r.skipSpace();
            if (r.pos < text.length()) {
                throw r.error("unexpected text after the header dictionary");
            }
        } catch (IllegalArgumentException e) {
            throw new RefException(name + ": malformed .npy header " + quote(text) + ": " + e.getMessage(), e);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new RefException(name + ": malformed .npy header " + quote(text) + ": not a dictionary");
        }
        for (String key : KEYS) {
            if (!map.containsKey(key)) {
                throw new RefException(name + ": .npy header " + quote(text) + " has no '" + key + "'");
            }
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new RefException(name + ": .npy header has an unexpected key '" + key + "'");
            }
        }
        if (!(map.get("fortran_order") instanceof Boolean fortran)) {
            throw new RefException(name + ": .npy header: fortran_order must be True or False, got "
                    + map.get("fortran_order"));
        }
        if (!(map.get("shape") instanceof List<?> dims)) {
            throw new RefException(name + ": .npy header: shape must be a tuple, got " + map.get("shape"));
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new RefException(name + ": .npy header: shape " + dims + " has a bad dimension " + dims.get(i));
            }
            shape[i] = (int) (long) d;
        }
        return new NpyHeader(map.get("descr"), fortran, shape);
    }

    private static String quote(String text) {
        String t = text.strip();
        return "\"" + (t.length() > 120 ? t.substring(0, 120) + "..." : t) + "\"";
    }

    /** A recursive-descent reader over the header text; errors are IllegalArgumentException with the position. */
    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at character " + pos);
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> dict();
                case '(' -> sequence(')');
                case '[' -> sequence(']');
                case '\'', '"' -> string();
                default -> c == '-' || Character.isDigit(c) ? integer() : word();
            };
        }

        private Map<Object, Object> dict() {
            pos++;
            Map<Object, Object> map = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == '}') {
                    pos++;
                    return map;
                }
                Object key = value();
                expect(':');
                map.put(key, value());
                if (!separator('}')) {
                    return map;
                }
            }
        }

        private List<Object> sequence(char close) {
            pos++;
            List<Object> items = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == close) {
                    pos++;
                    return items;
                }
                items.add(value());
                if (!separator(close)) {
                    return items;
                }
            }
        }

        /** After an item: a comma (true, more may follow) or the closing bracket (consumed, false). */
        private boolean separator(char close) {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                return true;
            }
            expect(close);
            return false;
        }

        private void expect(char c) {
            skipSpace();
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private String string() {
            char quote = s.charAt(pos++);
            StringBuilder b = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != quote) {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                b.append(c);
            }
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            pos++;
            return b.toString();
        }

        private Long integer() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String digits = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
                pos++;
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("bad integer '" + digits + "'");
            }
        }

        private Object word() {
            int start = pos;
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
            String w = s.substring(start, pos);
            return switch (w) {
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                case "None" -> null;
                default -> {
                    pos = start;
                    throw error("unexpected '" + (w.isEmpty() ? String.valueOf(s.charAt(pos)) : w) + "'");
                }
            };
        }
    }
}
