package io.tensorgrade.ref.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the pickle machine's container opcodes do (APPEND(S), SETITEM(S), DICT, ADDITEMS, FROZENSET,
 * TUPLE, BUILD), with Python's checks: only lists are appended to, only hashable values become keys,
 * and BUILD reaches only objects that accept a state. Every item is charged to the {@link Budget}.
 */
final class PickleContainers {
    private PickleContainers() {
    }

    static PyTuple tuple(List<Object> items, Budget budget) {
        budget.charge(8L * items.size(), "a tuple");
        return new PyTuple(items.toArray());
    }

    static List<Object> list(List<Object> items, Budget budget) {
        budget.charge(8L * items.size(), "a list");
        return new ArrayList<>(items);
    }

    @SuppressWarnings("unchecked")
    static void append(Object target, List<Object> items, Budget budget) {
        if (!(target instanceof ArrayList<?>)) {
            throw new PickleException("APPEND to " + PyValues.describe(target) + ", which is not a list");
        }
        budget.charge(8L * items.size(), "a list");
        ((List<Object>) target).addAll(items);
    }

    static Map<Object, Object> dict(List<Object> keysAndValues, Budget budget) {
        Map<Object, Object> dict = new LinkedHashMap<>();
        setItems(dict, keysAndValues, budget);
        return dict;
    }

    @SuppressWarnings("unchecked")
    static void setItems(Object target, List<Object> keysAndValues, Budget budget) {
        if (!(target instanceof LinkedHashMap<?, ?>)) {
            throw new PickleException("SETITEM on " + PyValues.describe(target) + ", which is not a dict");
        }
        if (keysAndValues.size() % 2 != 0) {
            throw new PickleException("a dict needs keys and values in pairs, got " + keysAndValues.size() + " items");
        }
        budget.charge(48L * keysAndValues.size() / 2, "a dict");
        Map<Object, Object> dict = (Map<Object, Object>) target;
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            dict.put(hashable(keysAndValues.get(i), "a dict key"), keysAndValues.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    static void addItems(Object target, List<Object> items, Budget budget) {
        if (!(target instanceof LinkedHashSet<?>)) {
            throw new PickleException("ADDITEMS to " + PyValues.describe(target) + ", which is not a set");
        }
        budget.charge(48L * items.size(), "a set");
        for (Object item : items) {
            ((Set<Object>) target).add(hashable(item, "a set element"));
        }
    }

    static Set<Object> frozenset(List<Object> items, Budget budget) {
        Set<Object> set = new LinkedHashSet<>();
        addItems(set, items, budget);
        return Collections.unmodifiableSet(set);
    }

    /** BUILD: {@code target.__setstate__(state)}, for the objects that accept one. */
    static void build(Object state, Object target) {
        if (target instanceof PyStateful s) {
            s.setState(state);
        } else if (!(target instanceof LinkedHashMap<?, ?>) || state != null && !(state instanceof Map<?, ?>)) {
            throw new PickleException("BUILD sets the state of " + PyValues.describe(target) + ", which is not allowed");
        }
        // An OrderedDict's instance attributes, e.g. a state_dict's _metadata (module versions): not needed.
    }

    static PyGlobal callable(Object value, String opcode) {
        if (!(value instanceof PyGlobal g)) {
            throw new PickleException(opcode + " calls " + PyValues.describe(value) + ", which is not callable");
        }
        return g;
    }

    private static Object hashable(Object value, String what) {
        if (!PyTuple.isHashable(value)) {
            throw new PickleException(what + " is " + PyValues.describe(value) + ", which is unhashable");
        }
        return value;
    }
}
