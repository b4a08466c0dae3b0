package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.sandbox.PyValue;
import java.util.List;
import java.util.Map;

/**
 * The first difference between an expected and a returned Python value, as one sentence naming where
 * ({@code synsetstoindices['n10148035']}), what was expected and what came back. Lists and tuples are
 * interchangeable (both unpack the same way); every other type must match exactly, so the str key
 * {@code '0'} is not the int key {@code 0} and the float {@code 982.0} is not the int {@code 982}.
 */
final class PyDiff {
    private static final int REPR = 120;

    private final List<String> topNames;

    /** @param topNames names of the items of a returned tuple, used as their paths */
    PyDiff(List<String> topNames) {
        this.topNames = List.copyOf(topNames);
    }

    /** Null when equal, else the first difference. */
    String first(PyValue expected, PyValue actual) {
        return diff(expected, actual, "the result", true);
    }

    private String diff(PyValue e, PyValue a, String path, boolean top) {
        if (e.equals(a)) {
            return null;
        }
        List<PyValue> es = items(e);
        List<PyValue> as = items(a);
        if (es != null && as != null) {
            return sequence(es, as, path, top);
        }
        if (e instanceof PyValue.PyDict ed && a instanceof PyValue.PyDict ad) {
            return dict(ed.entries(), ad.entries(), path);
        }
        if (e instanceof PyValue.PyFloat ef && a instanceof PyValue.PyFloat af && close(ef.value(), af.value())) {
            return null;
        }
        if (!e.typeName().equals(a.typeName())) {
            return path + ": expected the " + e.typeName() + " " + e.repr(REPR) + ", got the " + a.typeName() + " "
                    + a.repr(REPR);
        }
        return path + ": expected " + e.repr(REPR) + ", got " + a.repr(REPR);
    }

    private String sequence(List<PyValue> es, List<PyValue> as, String path, boolean top) {
        int n = Math.min(es.size(), as.size());
        if (top && es.size() != as.size()) {
            // A wrong number of returned values is the news, not their contents.
            return path + ": expected " + es.size() + " values (" + String.join(", ", topNames) + "), got "
                    + as.size();
        }
        for (int i = 0; i < n; i++) {
            String d = diff(es.get(i), as.get(i), top && i < topNames.size() ? topNames.get(i) : path + "[" + i + "]",
                    false);
            if (d != null) {
                return d;
            }
        }
        if (es.size() == as.size()) {
            return null;
        }
        if (es.size() > as.size()) {
            return path + ": expected " + es.size() + " items, got " + as.size() + "; the first missing one is "
                    + path + "[" + n + "] = " + es.get(n).repr(REPR);
        }
        return path + ": expected " + es.size() + " items, got " + as.size() + "; the first extra one is "
                + path + "[" + n + "] = " + as.get(n).repr(REPR);
    }

    private String dict(Map<PyValue, PyValue> e, Map<PyValue, PyValue> a, String path) {
        String sizes = " (expected " + e.size() + " entries, got " + a.size() + ")";
        for (Map.Entry<PyValue, PyValue> entry : e.entrySet()) {
            PyValue key = entry.getKey();
            if (!a.containsKey(key)) {
                return path + " has no key " + key.repr(REPR) + alike(key, a) + sizes;
            }
            String d = diff(entry.getValue(), a.get(key), path + "[" + key.repr(REPR) + "]", false);
            if (d != null) {
                return d;
            }
        }
        for (PyValue key : a.keySet()) {
            if (!e.containsKey(key)) {
                return path + " has the unexpected key " + key.repr(REPR) + " = " + a.get(key).repr(REPR) + sizes;
            }
        }
        return null;
    }

    /** A hint when the dict has a key that prints alike but has another type ('0' for 0). */
    private static String alike(PyValue key, Map<PyValue, PyValue> a) {
        String text = key instanceof PyValue.PyStr s ? s.value() : key.repr();
        for (PyValue k : a.keySet()) {
            String t = k instanceof PyValue.PyStr s ? s.value() : k.repr();
            if (t.equals(text)) {
                return "; it has the " + k.typeName() + " key " + k.repr(REPR) + " where the " + key.typeName()
                        + " " + key.repr(REPR) + " belongs";
            }
        }
        return "";
    }

    private static List<PyValue> items(PyValue v) {
        if (v instanceof PyValue.PyList l) {
            return l.items();
        }
        return v instanceof PyValue.PyTuple t ? t.items() : null;
    }

    private static boolean close(double e, double a) {
        return Math.abs(e - a) <= 1e-12 + 1e-9 * Math.abs(e);
    }
}
