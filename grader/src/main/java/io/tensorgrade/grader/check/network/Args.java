package io.tensorgrade.grader.check.network;

import io.tensorgrade.grader.check.AnswerParser;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.shape.Chw;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed layer and question arguments read through a {@link ConfigReader}: problems are recorded
 * with file:line and field, and the getters return null after one (so callers can tell).
 */
final class Args {
    private Args() {
    }

    /** A required integer of at least {@code min}; null after a problem. */
    static Integer integer(ConfigReader c, String key, int min) {
        return c.value(key, n -> atLeast(n, min));
    }

    /** An optional integer of at least {@code min}; {@code dflt} when absent, null after a problem. */
    static Integer integer(ConfigReader c, String key, int min, int dflt) {
        if (!c.has(key)) {
            return dflt;
        }
        return integer(c, key, min);
    }

    /** An int or {@code [h, w]}, each at least {@code min}; {@code dflt} when absent (null: required). */
    static Pair pair(ConfigReader c, String key, int min, Pair dflt) {
        if (dflt != null && !c.has(key)) {
            return dflt;
        }
        return c.value(key, n -> pair(n, min));
    }

    /** Like {@link #pair}, but an absent key gives {@code dflt} even when null (a stride defaulting to a bad kernel). */
    static Pair pairOr(ConfigReader c, String key, int min, Pair dflt) {
        return c.has(key) ? c.value(key, n -> pair(n, min)) : dflt;
    }

    private static Pair pair(YamlNode n, int min) {
        if (n instanceof YamlList list) {
            if (list.size() != 1 && list.size() != 2) {
                throw new IllegalArgumentException("expected an integer or a pair [h, w], found " + n.describe());
            }
            int h = atLeast(list.get(0), min);
            return list.size() == 1 ? Pair.of(h) : new Pair(h, atLeast(list.get(1), min));
        }
        return Pair.of(atLeast(n, min));
    }

    /** A required image shape {@code [C, H, W]}; null after a problem. */
    static Chw chw(ConfigReader c, String key) {
        return c.value(key, n -> {
            List<Integer> dims = sizes(n);
            if (dims.size() != 3) {
                throw new IllegalArgumentException("expected [C, H, W], found " + dims.size() + " sizes " + dims);
            }
            try {
                return new Chw(dims.get(0), dims.get(1), dims.get(2));
            } catch (RefException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    /** A sample shape {@code [C, H, W]} or {@code [N]} (flat features) read from {@code node}. */
    static ActivationShape activation(YamlNode node) {
        List<Integer> dims = sizes(node);
        try {
            return new ActivationShape(dims);
        } catch (RefException e) {
            throw new IllegalArgumentException("expected [C, H, W] or [N] with sizes >= 1, found " + dims, e);
        }
    }

    /** A list of integers (a single integer counts as a one-element list). */
    static List<Integer> integers(YamlNode node, int min) {
        List<Integer> out = new ArrayList<>();
        for (YamlNode item : node instanceof YamlList l ? l.items() : List.of(node)) {
            out.add(atLeast(item, min));
        }
        return List.copyOf(out);
    }

    private static List<Integer> sizes(YamlNode node) {
        return AnswerParser.shape(node).dims();
    }

    static int atLeast(YamlNode n, int min) {
        long v = AnswerParser.integer(n).value();
        if (v < min || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected an integer >= " + min + ", found " + n.flow());
        }
        return (int) v;
    }
}
