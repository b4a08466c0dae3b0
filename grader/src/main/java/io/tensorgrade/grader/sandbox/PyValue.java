package io.tensorgrade.grader.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A builtin Python value as the harness sends it back for {@link ValueKind#PYTHON}: None, bool, int, float, str,
 * list, tuple and dict (keys of any of these kinds, in the dict's order). Records, so equal values are equal and
 * a dict can be looked up by key. On the wire (tagged JSON): None, booleans, numbers and strings are themselves
 * (an integral number is an int, one written with a point or exponent a float), a list is a JSON array, a tuple
 * is {@code {"tuple": [...]}} and a dict is {@code {"dict": [[key, value], ...]}}.
 */
public sealed interface PyValue permits PyValue.PyNone, PyValue.PyBool, PyValue.PyInt, PyValue.PyFloat,
        PyValue.PyStr, PyValue.PyList, PyValue.PyTuple, PyValue.PyDict {

    /** The Python type name, for feedback ("int", "str", "dict", ...). */
    String typeName();

    /** Python's {@code repr} of the value, e.g. {@code {0: 'n01440764'}}. */
    String repr();

    /** {@code repr()} cut to about {@code max} characters. */
    default String repr(int max) {
        String r = repr();
        return r.length() <= max ? r : r.substring(0, Math.max(0, max - 4)) + " ...";
    }

    static PyValue none() {
        return new PyNone();
    }

    static PyValue of(long v) {
        return new PyInt(BigInteger.valueOf(v));
    }

    static PyValue of(String v) {
        return new PyStr(v);
    }

    static PyValue tuple(PyValue... items) {
        return new PyTuple(List.of(items));
    }

    /** A dict of the map's entries in its iteration order. */
    static PyValue dict(Map<? extends PyValue, ? extends PyValue> entries) {
        return new PyDict(new LinkedHashMap<>(entries));
    }

    /**
     * Reads the tagged JSON of the harness.
     *
     * @throws IllegalArgumentException for anything that is not such a value (student code may forge results)
     */
    static PyValue fromWire(JsonNode n) {
        return Wire.read(n, 0);
    }

    /** None. */
    record PyNone() implements PyValue {
        public String typeName() {
            return "NoneType";
        }

        public String repr() {
            return "None";
        }
    }

    /** True or False. */
    record PyBool(boolean value) implements PyValue {
        public String typeName() {
            return "bool";
        }

        public String repr() {
            return value ? "True" : "False";
        }
    }

    /** An int of any size. */
    record PyInt(BigInteger value) implements PyValue {
        public PyInt {
            Objects.requireNonNull(value, "value");
        }

        public String typeName() {
            return "int";
        }

        public String repr() {
            return value.toString();
        }
    }

    /** A float (NaN and infinities possible). */
    record PyFloat(double value) implements PyValue {
        public String typeName() {
            return "float";
        }

        public String repr() {
            if (Double.isNaN(value)) {
                return "nan";
            }
            return Double.isInfinite(value) ? (value > 0 ? "inf" : "-inf") : Double.toString(value);
        }
    }

    /** A str. */
    record PyStr(String value) implements PyValue {
        public PyStr {
            Objects.requireNonNull(value, "value");
        }

        public String typeName() {
            return "str";
        }

        /** Quoted and escaped like Python, so a trailing newline shows as {@code \n}. */
        public String repr() {
            char quote = value.indexOf('\'') >= 0 && value.indexOf('"') < 0 ? '"' : '\'';
            StringBuilder b = new StringBuilder().append(quote);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case '\\' -> b.append("\\\\");
                    default -> {
                        if (c == quote) {
                            b.append('\\');
                        }
                        if (c < 0x20 || c == 0x7f) {
                            b.append(String.format("\\x%02x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append(quote).toString();
        }
    }

    /** A list. */
    record PyList(List<PyValue> items) implements PyValue {
        public PyList {
            items = List.copyOf(items);
        }

        public String typeName() {
            return "list";
        }

        public String repr() {
            return Wire.join("[", items, "]");
        }
    }

    /** A tuple. */
    record PyTuple(List<PyValue> items) implements PyValue {
        public PyTuple {
            items = List.copyOf(items);
        }

        public String typeName() {
            return "tuple";
        }

        public String repr() {
            return items.size() == 1 ? "(" + items.get(0).repr() + ",)" : Wire.join("(", items, ")");
        }
    }

    /** A dict, in insertion order. */
    record PyDict(Map<PyValue, PyValue> entries) implements PyValue {
        public PyDict {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public String typeName() {
            return "dict";
        }

        public String repr() {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<PyValue, PyValue> e : entries.entrySet()) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append(e.getKey().repr()).append(": ").append(e.getValue().repr());
                if (b.length() > 100_000) {
                    return b.append(", ...}").toString();
                }
            }
            return b.append('}').toString();
        }
    }

    /** The wire format's reader. */
    final class Wire {
        private static final int MAX_DEPTH = 40;

        private Wire() {
        }

        static PyValue read(JsonNode n, int depth) {
            if (n == null || depth > MAX_DEPTH) {
                throw new IllegalArgumentException("a Python value is missing or nested too deeply");
            }
            if (n.isNull()) {
                return new PyNone();
            }
            if (n.isBoolean()) {
                return new PyBool(n.booleanValue());
            }
            if (n.isIntegralNumber()) {
                return new PyInt(n.bigIntegerValue());
            }
            if (n.isNumber()) {
                return new PyFloat(n.doubleValue());
            }
            if (n.isTextual()) {
                return new PyStr(n.textValue());
            }
            if (n.isArray()) {
                return new PyList(items(n, depth));
            }
            if (n.isObject() && n.size() == 1 && n.has("tuple") && n.get("tuple").isArray()) {
                return new PyTuple(items(n.get("tuple"), depth));
            }
            if (n.isObject() && n.size() == 1 && n.has("dict") && n.get("dict").isArray()) {
                Map<PyValue, PyValue> map = new LinkedHashMap<>();
                for (JsonNode pair : n.get("dict")) {
                    if (!pair.isArray() || pair.size() != 2) {
                        throw new IllegalArgumentException("a dict entry is not a [key, value] pair");
                    }
                    // A later equal key wins, as in Python (1 and True are distinct here, unlike Python).
                    map.put(read(pair.get(0), depth + 1), read(pair.get(1), depth + 1));
                }
                return new PyDict(map);
            }
            throw new IllegalArgumentException("not a tagged Python value: " + JsonSupport.clip(n.toString(), 80));
        }

        private static List<PyValue> items(JsonNode array, int depth) {
            List<PyValue> out = new ArrayList<>();
            for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
                out.add(read(it.next(), depth + 1));
            }
            return out;
        }

        static String join(String open, List<PyValue> items, String close) {
            StringBuilder b = new StringBuilder(open);
            for (PyValue v : items) {
                if (b.length() > open.length()) {
                    b.append(", ");
                }
                b.append(v.repr());
                if (b.length() > 100_000) {
                    return b.append(", ...").append(close).toString();
                }
            }
            return b.append(close).toString();
        }
    }
}
