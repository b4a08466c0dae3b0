package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code round_inputs: {x: 0.5}}: the named inputs rounded to multiples of the step after generation, so that
 * windows hold tied values (e.g. max-pool ties). Interim until {@code inputs: {x: {integers: true}}} exists;
 * the reference sees the rounded values like the student does. Immutable.
 */
record InputRounding(Map<String, Double> steps) {

    static final InputRounding NONE = new InputRounding(Map.of());

    InputRounding {
        steps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    /** Reads {@code round_inputs}; {@link #NONE} when absent or after a problem. */
    static InputRounding read(ConfigReader config, Collection<String> inputs) {
        YamlNode node = config.node("round_inputs");
        if (node == null) {
            return NONE;
        }
        if (!(node instanceof YamlMap map)) {
            config.error("round_inputs", "expected a mapping from input names to rounding steps, e.g. {x: 0.5},"
                    + " found " + node.describe());
            return NONE;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : map.keys()) {
            YamlNode v = map.get(name);
            if (!inputs.contains(name)) {
                config.errorAt(v, "round_inputs." + name, "unknown input '" + name + "'; inputs: "
                        + String.join(", ", inputs));
            } else if (!(v instanceof YamlScalar s && s.isNumber() && Double.parseDouble(s.text()) > 0)) {
                config.errorAt(v, "round_inputs." + name, "expected a positive rounding step such as 0.5, found "
                        + v.describe());
            } else {
                out.put(name, Double.parseDouble(s.text()));
            }
        }
        return new InputRounding(out);
    }

    /** The inputs with the named ones rounded (half away from zero is irrelevant: ties are what we want). */
    Map<String, Tensor> apply(Map<String, Tensor> inputs) {
        if (steps.isEmpty()) {
            return inputs;
        }
        Map<String, Tensor> out = new LinkedHashMap<>(inputs);
        steps.forEach((name, step) -> {
            Tensor t = out.get(name);
            double[] v = t.rawData().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.rint(v[i] / step) * step;
            }
            out.put(name, Tensor.wrap(v, t.shape()));
        });
        return out;
    }
}
