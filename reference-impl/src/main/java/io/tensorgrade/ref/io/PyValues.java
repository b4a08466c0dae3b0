package io.tensorgrade.ref.io;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks and descriptions of unpickled values for the allow-listed constructors. Descriptions never
 * walk into containers: a hostile graph may be self-referential or millions of levels deep.
 */
final class PyValues {
    private PyValues() {
    }

    /** A short, bounded description such as {@code str 'cpu'}, {@code dict of 3 items}, {@code int 7}. */
    static String describe(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof String s) {
            return "str '" + PickleText.shorten(s) + "'";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Long || v instanceof BigInteger) {
            String s = v.toString();
            return "int " + (s.length() > 40 ? s.substring(0, 20) + "..." : s);
        }
        if (v instanceof Double d) {
            return "float " + d;
        }
        if (v instanceof PyBytes b) {
            return "bytes " + b;
        }
        if (v instanceof PyTuple t) {
            return "a tuple of " + t.size();
        }
        if (v instanceof List<?> l) {
            return "a list of " + l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return "a dict of " + m.size() + " items";
        }
        if (v instanceof Set<?> s) {
            return "a set of " + s.size();
        }
        if (v instanceof PyGlobal g) {
            return g.dotted();
        }
        return v.toString();
    }

    static PyTuple tuple(Object v, String what) {
        if (!(v instanceof PyTuple t)) {
            throw new PickleException(what + " must be a tuple, got " + describe(v));
        }
        return t;
    }

    static long integer(Object v, String what) {
        if (!(v instanceof Long l)) {
            throw new PickleException(what + " must be an int, got " + describe(v));
        }
        return l;
    }

    static String string(Object v, String what) {
        if (!(v instanceof String s)) {
            throw new PickleException(what + " must be a str, got " + describe(v));
        }
        return s;
    }

    static boolean bool(Object v, String what) {
        if (!(v instanceof Boolean b)) {
            throw new PickleException(what + " must be True or False, got " + describe(v));
        }
        return b;
    }

    /** A tuple (or list) of non-negative ints below 2^31, e.g. a shape. */
    static int[] dims(Object v, String what) {
        List<?> items = v instanceof PyTuple t ? t.items() : v instanceof List<?> l ? l : null;
        if (items == null) {
            throw new PickleException(what + " must be a tuple of ints, got " + describe(v));
        }
        if (items.size() > 64) {
            throw new PickleException(what + " has " + items.size() + " dimensions, more than 64");
        }
        int[] out = new int[items.size()];
        for (int i = 0; i < out.length; i++) {
            long d = integer(items.get(i), what + "[" + i + "]");
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new PickleException(what + "[" + i + "] = " + d + " is out of range");
            }
            out[i] = (int) d;
        }
        return out;
    }

    /** The arguments of a call, checking their number. */
    static void arity(List<Object> args, int min, int max, String function) {
        if (args.size() < min || args.size() > max) {
            String expected = min == max ? String.valueOf(min) : min + " to " + max;
            throw new PickleException(function + " takes " + expected + " arguments, got " + args.size());
        }
    }
}
