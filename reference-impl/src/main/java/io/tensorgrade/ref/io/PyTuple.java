package io.tensorgrade.ref.io;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A Python tuple from a pickle. Its hash is computed once when it is built (a hostile pickle could
 * otherwise make every dictionary insertion rehash a huge tuple), and only when all its items are
 * hashable, as in Python; a tuple holding a list cannot be a dictionary key.
 */
final class PyTuple {
    static final PyTuple EMPTY = new PyTuple(new Object[0]);
    /** Tuples nest at most this deep: comparing two deeper ones could overflow the Java stack. */
    static final int MAX_DEPTH = 100;

    private final List<Object> items;
    private final boolean hashable;
    private final int hash;
    private final int depth;

    PyTuple(Object[] items) {
        this.items = Collections.unmodifiableList(Arrays.asList(items));
        boolean all = true;
        int h = 1;
        int d = 1;
        for (Object item : items) {
            if (item instanceof PyTuple t) {
                d = Math.max(d, t.depth + 1);
            }
            all &= isHashable(item);
            // Hash only hashable items: a list's hash could recurse through a self-reference.
            h = 31 * h + (all && item != null ? item.hashCode() : 0);
        }
        if (d > MAX_DEPTH) {
            throw new PickleException("tuples nested more than " + MAX_DEPTH + " deep");
        }
        this.hashable = all;
        this.hash = h;
        this.depth = d;
    }

    /** Whether Python would accept {@code value} as a dictionary key or set element. */
    static boolean isHashable(Object value) {
        return value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof BigInteger || value instanceof PyBytes
                || value instanceof PyGlobal || value instanceof PyTuple t && t.hashable;
    }

    List<Object> items() {
        return items;
    }

    int size() {
        return items.size();
    }

    Object get(int i) {
        return items.get(i);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        // Unhashable tuples are compared by identity only: their items may be self-referential.
        return o instanceof PyTuple t && hashable && t.hashable && hash == t.hash && items.equals(t.items);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "tuple of " + items.size();
    }
}
