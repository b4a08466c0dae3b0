package io.tensorgrade.grader.sandbox;

import java.util.Arrays;
import java.util.List;

/**
 * The shape of a function's return: one value, or a tuple of a fixed length (e.g. {@code out, cache}).
 *
 * @param kinds one kind per returned value (exactly one unless {@code tuple})
 * @param tuple whether the function returns a tuple or list of {@code kinds.size()} values
 */
public record Returns(List<ValueKind> kinds, boolean tuple) {
    public Returns {
        kinds = List.copyOf(kinds);
        if (kinds.isEmpty() || (!tuple && kinds.size() != 1)) {
            throw new IllegalArgumentException("Returns: kinds=" + kinds + " must hold one kind, or at least one for a tuple");
        }
    }

    /** A single value of the given kind. */
    public static Returns single(ValueKind kind) {
        return new Returns(List.of(kind), false);
    }

    /** A single tensor. */
    public static Returns tensor() {
        return single(ValueKind.TENSOR);
    }

    /** A single value, tensor or JSON. */
    public static Returns any() {
        return single(ValueKind.ANY);
    }

    /** A tuple, e.g. {@code tuple(TENSOR, KEEP)} for {@code out, cache}. */
    public static Returns tuple(ValueKind... kinds) {
        return new Returns(Arrays.asList(kinds), true);
    }

    /** How many values come back (kept ones included, as placeholders). */
    public int count() {
        return kinds.size();
    }

    public Object wire() {
        return tuple ? kinds.stream().map(ValueKind::wire).toList() : kinds.get(0).wire();
    }
}
