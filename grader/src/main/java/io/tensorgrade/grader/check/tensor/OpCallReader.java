package io.tensorgrade.grader.check.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.refrun.OpCaseRunner;
import io.tensorgrade.grader.yaml.DidYouMean;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code params} and {@code inputs} of a rubric's op call (the main one or an accept/mistake
 * override) and reports problems located at the offending key. Inputs are nested lists (a 2-D matrix is
 * read as {@code [1, 1, H, W]} and a 3-D one as {@code [1, C, H, W]} for the 4-D inputs of image ops),
 * single numbers, or {@code {fill: v}} / {@code {fill: v, shape: [...]}}.
 */
public final class OpCallReader {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern FIELD = Pattern.compile("(params|inputs)\\.(\\w+): (.*)", Pattern.DOTALL);

    private OpCallReader() {
    }

    /** The {@code params} mapping as JSON, names checked against the op; null after a problem. */
    public static ObjectNode params(ConfigReader config, OpCaseRunner.Signature signature) {
        YamlNode node = config.node("params");
        if (node == null || node instanceof YamlScalar s && s.isNull()) {
            return JSON.objectNode();
        }
        if (!(node instanceof YamlMap map)) {
            config.error("params", "expected a mapping such as {stride: 1, padding: 0}, found " + node.describe());
            return null;
        }
        ObjectNode out = JSON.objectNode();
        boolean ok = true;
        for (String key : map.keys()) {
            if (!signature.params().contains(key)) {
                config.errorAt(map.get(key), "params." + key, "unknown parameter '" + key + "'"
                        + hint(key, signature.params()) + "; known: "
                        + (signature.params().isEmpty() ? "none" : String.join(", ", signature.params())));
                ok = false;
            } else {
                out.set(key, json(map.get(key)));
            }
        }
        return ok ? out : null;
    }

    /** A typo's correction, or the one known name that starts with it ({@code kernel} for {@code kernel_size}). */
    static String hint(String typed, java.util.List<String> known) {
        String typo = DidYouMean.hint(typed, known);
        if (!typo.isEmpty()) {
            return typo;
        }
        java.util.List<String> longer = known.stream().filter(k -> k.startsWith(typed + "_")).toList();
        return longer.size() == 1 ? " (did you mean '" + longer.get(0) + "'?)" : "";
    }

    /** The {@code inputs} mapping; null after a problem. */
    static Map<String, OpCall.Input> inputs(ConfigReader config, OpCaseRunner.Signature signature) {
        YamlNode node = config.node("inputs");
        Map<String, OpCall.Input> out = new LinkedHashMap<>();
        if (node == null || node instanceof YamlScalar s && s.isNull()) {
            return out;
        }
        if (!(node instanceof YamlMap map)) {
            config.error("inputs", "expected a mapping from input names (" + String.join(", ", signature.inputs())
                    + ") to matrices, found " + node.describe());
            return null;
        }
        boolean ok = true;
        for (String name : map.keys()) {
            YamlNode value = map.get(name);
            String field = "inputs." + name;
            if (!signature.inputs().contains(name)) {
                config.errorAt(value, field, "unknown input '" + name + "'" + hint(name, signature.inputs())
                        + "; known: " + String.join(", ", signature.inputs()));
                ok = false;
                continue;
            }
            try {
                out.put(name, input(value, signature.images().contains(name)));
            } catch (AnswerFormatException | IllegalArgumentException | RefException e) {
                config.errorAt(value, field, uncapitalize(e.getMessage()));
                ok = false;
            }
        }
        return ok ? out : null;
    }

    private static OpCall.Input input(YamlNode value, boolean image) {
        if (value instanceof YamlMap m) {
            for (String k : m.keys()) {
                if (!k.equals("fill") && !k.equals("shape")) {
                    throw new IllegalArgumentException("unknown key '" + k + "' in a fill; write {fill: 1} or"
                            + " {fill: 1, shape: [3, 3]}");
                }
            }
            if (!(m.get("fill") instanceof YamlScalar f) || !f.isNumber()) {
                throw new IllegalArgumentException("expected {fill: NUMBER} (optionally with shape: [...]), found "
                        + m.flow());
            }
            int[] shape = m.has("shape") ? shape(m.get("shape")) : null;
            return new OpCall.Fill(Double.parseDouble(f.text()), shape);
        }
        Tensor t = TensorAnswer.parse(value);
        return new OpCall.Given(image ? image(t) : t);
    }

    /** A matrix as {@code [1, 1, H, W]}, a 3-D list as {@code [1, C, H, W]}. */
    private static Tensor image(Tensor t) {
        int[] s = t.shape();
        return switch (t.rank()) {
            case 2 -> t.reshape(1, 1, s[0], s[1]);
            case 3 -> t.reshape(1, s[0], s[1], s[2]);
            case 4 -> t;
            default -> throw new IllegalArgumentException("a " + TensorText.shape(t) + " list is not an image or"
                    + " kernel; give a matrix [H][W], [C][H][W] or [N][C][H][W]");
        };
    }

    private static int[] shape(YamlNode node) {
        if (node instanceof YamlList l && l.size() <= 8) {
            int[] out = new int[l.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(l.get(i) instanceof YamlScalar s) || s.type() != YamlScalar.Type.INTEGER
                        || Long.parseLong(s.text()) < 1 || Long.parseLong(s.text()) > 1_000_000) {
                    throw new IllegalArgumentException("shape " + node.flow() + ": sizes must be whole numbers >= 1");
                }
                out[i] = Integer.parseInt(s.text());
            }
            return out;
        }
        throw new IllegalArgumentException("shape: expected a list of sizes such as [3, 3], found " + node.flow());
    }

    /** YAML to JSON with the types the YAML parser resolved (1 is an int, 1.0 a double, "1" a string). */
    public static JsonNode json(YamlNode node) {
        if (node instanceof YamlMap m) {
            ObjectNode o = JSON.objectNode();
            m.keys().forEach(k -> o.set(k, json(m.get(k))));
            return o;
        }
        if (node instanceof YamlList l) {
            ArrayNode a = JSON.arrayNode();
            l.items().forEach(i -> a.add(json(i)));
            return a;
        }
        YamlScalar s = (YamlScalar) node;
        return switch (s.type()) {
            case NULL -> JSON.nullNode();
            case BOOLEAN -> JSON.booleanNode(Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT)));
            case INTEGER -> integer(s.text());
            case REAL -> real(s.text());
            case STRING -> JSON.textNode(s.text());
        };
    }

    private static JsonNode integer(String text) {
        try {
            return JSON.numberNode(new BigDecimal(text.replace("_", "")).toBigIntegerExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return JSON.textNode(text);
        }
    }

    private static JsonNode real(String text) {
        try {
            return JSON.numberNode(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return JSON.textNode(text);
        }
    }

    /**
     * Records a failure of the op call at the field it names ({@code params.stride: ...}), or at
     * {@code fallback} for the op's own refusals.
     */
    static void report(ConfigReader config, GraderException e, String fallback) {
        Matcher m = FIELD.matcher(e.getMessage());
        if (m.matches()) {
            YamlNode parent = config.node(m.group(1));
            YamlNode node = parent instanceof YamlMap map ? map.get(m.group(2)) : null;
            if (node != null) {
                config.errorAt(node, m.group(1) + "." + m.group(2), m.group(3));
            } else {
                config.error(m.group(1), m.group(2) + ": " + m.group(3));
            }
            return;
        }
        if (e.getMessage().startsWith("output: ")) {
            config.error("output", e.getMessage().substring("output: ".length()));
            return;
        }
        config.error(fallback, uncapitalize(e.getMessage()));
    }

    static String uncapitalize(String s) {
        if (s == null || s.isEmpty()) {
            return "invalid value";
        }
        String t = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        return Character.toLowerCase(t.charAt(0)) + t.substring(1);
    }
}
