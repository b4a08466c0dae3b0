package io.tensorgrade.grader.check.network;

import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.yaml.DidYouMean;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.net.Zoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a part's {@code network:} (either {@code zoo:NAME} or a list of layers, each a bare name such as
 * {@code relu} or a one-key mapping such as {@code conv2d: {in: 3, out: 16, kernel: 3}}) and its
 * {@code input: [C, H, W]}. Every problem is recorded with file:line and field, e.g.
 * {@code network[2].max_pool2d.kernal: unknown key 'kernal' (did you mean 'kernel'?)}; a network that
 * does not fit its input is reported at the first layer that does not fit.
 */
public final class NetworkReader {

    /** Prefix of zoo networks: {@code network: zoo:alexnet}. */
    public static final String ZOO = "zoo:";

    private NetworkReader() {
    }

    /**
     * The part's network and input; empty after a problem (recorded in {@code config}).
     *
     * @param inputRequired whether an inline network must come with an {@code input}
     */
    public static Optional<InlineNetwork> read(ConfigReader config, boolean inputRequired) {
        YamlNode node = config.node("network");
        List<YamlNode> items = new ArrayList<>();
        String zoo = null;
        NetworkSpec spec = null;
        if (node == null) {
            config.error("network", "missing required field 'network'; give zoo:NAME (known: zoo:"
                    + String.join(", zoo:", Zoo.names()) + ") or a list of layers");
        } else if (node instanceof YamlList list) {
            items.addAll(list.items());
            spec = layers(config, list);
        } else if (node instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING && s.text().startsWith(ZOO)) {
            zoo = s.text().substring(ZOO.length()).strip();
            spec = zoo(config, zoo);
        } else {
            String hint = node instanceof YamlScalar s && Zoo.names().contains(s.text().strip())
                    ? " (did you mean 'zoo:" + s.text().strip() + "'?)" : "";
            config.error("network", "expected zoo:NAME or a list of layers, found " + node.describe() + hint);
        }
        ActivationShape input = input(config, spec, zoo, inputRequired);
        boolean inputMissing = input == null && (config.has("input") || inputRequired && zoo == null);
        if (spec == null || inputMissing || input != null && !fits(config, spec, input, items)) {
            return Optional.empty();
        }
        return Optional.of(new InlineNetwork(spec, input));
    }

    private static NetworkSpec zoo(ConfigReader config, String name) {
        try {
            return Zoo.get(name);
        } catch (RefException e) {
            config.error("network", "unknown zoo network '" + name + "'" + DidYouMean.hint(name, Zoo.names())
                    + "; known: zoo:" + String.join(", zoo:", Zoo.names()));
            return null;
        }
    }

    private static ActivationShape input(ConfigReader config, NetworkSpec spec, String zoo, boolean required) {
        if (config.has("input")) {
            return config.value("input", Args::activation);
        }
        if (zoo != null && spec != null) {
            return Zoo.input(zoo);
        }
        if (required && spec != null) {
            config.error("input", "missing required field 'input': the shape of one sample, e.g. [3, 32, 32]");
        }
        return null;
    }

    private static NetworkSpec layers(ConfigReader config, YamlList list) {
        if (list.size() == 0) {
            config.error("network", "the network has no layers");
            return null;
        }
        List<LayerSpec> layers = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            LayerSpec layer = layer(config, list.get(i), "network[" + i + "]");
            ok &= layer != null;
            layers.add(layer);
        }
        return ok ? new NetworkSpec("network", layers) : null;
    }

    /** One layer; null after a problem. */
    private static LayerSpec layer(ConfigReader config, YamlNode item, String field) {
        String name;
        YamlNode args;
        if (item instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING) {
            name = s.text().strip();
            args = null;
        } else if (item instanceof YamlMap m && m.keys().size() == 1) {
            name = m.keys().iterator().next();
            args = m.get(name);
        } else {
            config.errorAt(item, field, "expected a layer: a name such as relu, or a mapping with one key such as"
                    + " {conv2d: {in: 3, out: 16, kernel: 3}}; found " + item.describe());
            return null;
        }
        List<String> keys = Layers.KEYS.get(name);
        if (keys == null) {
            config.errorAt(item, field, "unknown layer '" + name + "'" + DidYouMean.hint(name, Layers.KEYS.keySet())
                    + "; known: " + String.join(", ", Layers.KEYS.keySet()));
            return null;
        }
        ConfigReader reader;
        if (args == null || args instanceof YamlScalar s && s.isNull()) {
            // A bare name: a layer with required arguments then reports each as missing.
            reader = config.nested(new YamlMap(Map.of(), Map.of(), item.line()), field + "." + name);
        } else if (keys.isEmpty()) {
            config.errorAt(args, field + "." + name, "layer '" + name + "' takes no arguments; write it as - "
                    + name);
            return null;
        } else {
            reader = config.nested((YamlMap) item, field).map(name, keys).orElse(null);
            if (reader == null) {
                return null;
            }
        }
        try {
            return Layers.build(name, reader);
        } catch (RefException e) {
            config.errorAt(item, field + "." + name, e.getMessage());
            return null;
        }
    }

    /** Checks that every layer fits the output of the one before, reporting the first that does not. */
    private static boolean fits(ConfigReader config, NetworkSpec spec, ActivationShape input, List<YamlNode> items) {
        ActivationShape current = input;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            try {
                current = layer.outputShape(current);
            } catch (RefException e) {
                String message = spec.label(i + 1) + " does not fit its input " + current + ": " + e.getMessage();
                if (items.isEmpty()) {
                    config.error("input", spec.name() + ": " + message);
                } else {
                    config.errorAt(items.get(i), "network[" + i + "]", message);
                }
                return false;
            }
        }
        return true;
    }
}
