package io.tensorgrade.ref.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The allow-list of names a pickle may refer to (GLOBAL, STACK_GLOBAL, INST), each mapped to Java code
 * that stands in for it. Every other name is refused when the pickle names it, before anything else
 * happens, with a message such as {@code data.pkl refers to os.system, which a checkpoint may not use;
 * only tensors and dicts are allowed}.
 */
final class PickleGlobals {
    private final Map<String, PyGlobal> allowed = new HashMap<>();
    private final String user;
    private final String allowedKinds;
    private final UnaryOperator<String> hint;

    /**
     * @param user         who refuses, e.g. {@code a checkpoint}
     * @param allowedKinds what is allowed instead, e.g. {@code only tensors and dicts are allowed}
     * @param hint         extra advice for a refused module (e.g. {@code __main__}), or "" for none
     */
    PickleGlobals(String user, String allowedKinds, UnaryOperator<String> hint) {
        this.user = user;
        this.allowedKinds = allowedKinds;
        this.hint = hint;
    }

    /** Globals for plain data: OrderedDict, bytes as Python 3 pickles them at protocol 2, sets. */
    static PickleGlobals data(String user, String allowedKinds, UnaryOperator<String> hint, Budget budget) {
        PickleGlobals g = new PickleGlobals(user, allowedKinds, hint);
        g.add("collections", "OrderedDict", PickleGlobals::orderedDict);
        g.add("_codecs", "encode", args -> encode(args, budget));
        for (String builtins : List.of("builtins", "__builtin__")) {
            g.add(builtins, "bytes", args -> bytes(args, "bytes", budget));
            g.add(builtins, "bytearray", args -> bytes(args, "bytearray", budget));
            g.add(builtins, "set", args -> set(args, "set"));
            g.add(builtins, "frozenset", args -> set(args, "frozenset"));
        }
        return g;
    }

    /** Allows {@code module.name}; {@code function} null allows referring to it but not calling it. */
    void add(String module, String name, PyGlobal.Function function) {
        allowed.put(module + "." + name, new PyGlobal(module, name, function));
    }

    /** The stand-in for {@code module.name}, or a refusal naming it. */
    PyGlobal resolve(String module, String name) {
        PyGlobal g = allowed.get(module + "." + name);
        if (g == null) {
            String dotted = printable(module) + "." + printable(name);
            throw new PickleException("refers to " + dotted + ", which " + user + " may not use; " + allowedKinds
                    + hint.apply(module), true);
        }
        return g;
    }

    /** Names from a hostile file go into terminals and HTML: printable ASCII only, bounded length. */
    static String printable(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static Map<Object, Object> orderedDict(List<Object> args) {
        PyValues.arity(args, 0, 1, "OrderedDict");
        Map<Object, Object> map = new LinkedHashMap<>();
        if (args.size() == 1) {
            if (!(args.get(0) instanceof List<?> pairs)) {
                throw new PickleException("OrderedDict takes a list of pairs, got " + PyValues.describe(args.get(0)));
            }
            for (Object pair : pairs) {
                List<?> kv = pair instanceof PyTuple t ? t.items() : pair instanceof List<?> l ? l : List.of();
                if (kv.size() != 2 || !PyTuple.isHashable(kv.get(0))) {
                    throw new PickleException("OrderedDict takes (key, value) pairs, got " + PyValues.describe(pair));
                }
                map.put(kv.get(0), kv.get(1));
            }
        }
        return map;
    }

    /** {@code _codecs.encode(s, 'latin1')}: how Python 3 pickles bytes at protocols 0 to 2. */
    private static PyBytes encode(List<Object> args, Budget budget) {
        PyValues.arity(args, 2, 2, "_codecs.encode");
        return latin1(PyValues.string(args.get(0), "_codecs.encode's text"),
                PyValues.string(args.get(1), "_codecs.encode's encoding"), budget);
    }

    private static PyBytes bytes(List<Object> args, String type, Budget budget) {
        PyValues.arity(args, 0, 2, type);
        if (args.isEmpty()) {
            return new PyBytes(new byte[0]);
        }
        if (args.size() == 1 && args.get(0) instanceof PyBytes b) {
            budget.charge(b.length(), type);
            return new PyBytes(b.data().clone());
        }
        if (args.size() == 2) {
            return latin1(PyValues.string(args.get(0), type + "'s text"),
                    PyValues.string(args.get(1), type + "'s encoding"), budget);
        }
        throw new PickleException(type + " takes bytes or (str, 'latin-1'), got " + PyValues.describe(args.get(0)));
    }

    private static PyBytes latin1(String text, String encoding, Budget budget) {
        String e = encoding.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
        if (!e.equals("latin1") && !e.equals("iso88591")) {
            throw new PickleException("bytes encoded as '" + printable(encoding) + "' are not supported (only latin-1)");
        }
        budget.charge(text.length(), "bytes");
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c > 0xff) {
                throw new PickleException("bytes encoded as latin-1 contain the character U+"
                        + Integer.toHexString(c) + ", which latin-1 cannot hold");
            }
            out[i] = (byte) c;
        }
        return new PyBytes(out);
    }

    private static Set<Object> set(List<Object> args, String type) {
        PyValues.arity(args, 0, 1, type);
        Set<Object> set = new LinkedHashSet<>();
        if (args.size() == 1) {
            if (!(args.get(0) instanceof ArrayList<?> items)) {
                throw new PickleException(type + " takes a list, got " + PyValues.describe(args.get(0)));
            }
            for (Object item : items) {
                if (!PyTuple.isHashable(item)) {
                    throw new PickleException(type + " element " + PyValues.describe(item) + " is unhashable");
                }
                set.add(item);
            }
        }
        return set;
    }
}
