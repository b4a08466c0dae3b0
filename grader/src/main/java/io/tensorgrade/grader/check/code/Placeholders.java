package io.tensorgrade.grader.check.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.sandbox.Arg;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $name} placeholders in the literals of {@code args} and {@code kwargs}: a string scalar that is
 * exactly {@code $name}, anywhere inside a literal (nested in maps and lists too), stands for the case's
 * param {@code name}, e.g. {@code {stride: $stride, pad: $padding}}.
 */
final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

    private Placeholders() {
    }

    /** The param names that {@code node} refers to, in order of appearance. */
    static Set<String> names(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        collect(node, out);
        return out;
    }

    /** The param names that an argument refers to; empty for inputs and handles. */
    static Set<String> names(Arg arg) {
        return arg instanceof Arg.Json j ? names(j.value()) : Set.of();
    }

    /** {@code arg} with every placeholder replaced by its value in {@code params}, which must hold them all. */
    static Arg resolve(Arg arg, ObjectNode params) {
        return arg instanceof Arg.Json j && !names(j.value()).isEmpty() ? Arg.json(resolve(j.value(), params)) : arg;
    }

    /** A copy of {@code node} with every placeholder replaced by its value in {@code params}. */
    static JsonNode resolve(JsonNode node, ObjectNode params) {
        String name = name(node);
        if (name != null) {
            JsonNode value = params.get(name);
            if (value == null) {
                throw new IllegalArgumentException("placeholder $" + name + ": no param '" + name + "'");
            }
            return value.deepCopy();
        }
        if (node.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> a.add(resolve(item, params)));
            return a;
        }
        if (node.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                o.set(e.getKey(), resolve(e.getValue(), params));
            }
            return o;
        }
        return node.deepCopy();
    }

    private static void collect(JsonNode node, Set<String> out) {
        String name = name(node);
        if (name != null) {
            out.add(name);
        }
        node.forEach(child -> collect(child, out));
    }

    /** The param a string scalar names, or null when it is not a placeholder. */
    private static String name(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(node.textValue());
        return m.matches() ? m.group(1) : null;
    }
}
