package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a state_dict to the layers of a network through a {@link WeightNaming}, checks every shape,
 * and fails with one message that lists every problem, the tensors the network expects and the ones
 * the state_dict has.
 */
final class WeightBinder {
    private WeightBinder() {
    }

    /** The weights of every layer with weights, by 1-based layer number. */
    static Map<Integer, LayerWeights> bind(NetworkSpec spec, Map<String, Tensor> weights, WeightNaming naming) {
        if (weights == null || naming == null) {
            throw new RefException("inference: weights and naming must not be null");
        }
        List<String> keys = new ArrayList<>(weights.keySet());
        for (String key : keys) {
            if (key == null || weights.get(key) == null) {
                throw new RefException("inference: the state_dict maps key '" + key + "' to no tensor");
            }
        }
        Map<Integer, String> prefixes = naming.prefixes(spec, List.copyOf(keys));
        checkNumbers(spec, prefixes);
        List<String> problems = new ArrayList<>();
        Set<String> used = new HashSet<>();
        Map<Integer, LayerWeights> bound = new LinkedHashMap<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            if (!StateDictKeys.hasWeights(layer)) {
                continue;
            }
            String label = spec.label(i + 1);
            String prefix = prefixes.get(i + 1);
            if (prefix == null) {
                problems.add(label + ": no state_dict module is left for it");
                continue;
            }
            Map<String, Tensor> byName = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> e : StateDictKeys.expected(layer).entrySet()) {
                String key = StateDictKeys.key(prefix, e.getKey());
                Tensor t = weights.get(key);
                if (t == null) {
                    problems.add(label + ": missing " + key + " " + Arrays.toString(e.getValue()));
                } else if (!Arrays.equals(t.shape(), e.getValue())) {
                    problems.add(label + ": " + key + " has shape " + Arrays.toString(t.shape()) + ", expected "
                            + Arrays.toString(e.getValue()));
                } else {
                    byName.put(e.getKey(), t);
                }
                used.add(key);
            }
            if (layer instanceof LayerSpec.BatchNorm2d) {
                used.add(StateDictKeys.key(prefix, StateDictKeys.NUM_BATCHES_TRACKED));
            }
            for (String key : keys) {
                if (StateDictKeys.prefixOf(key).equals(prefix) && !used.contains(key)) {
                    problems.add(label + ": unexpected " + key + " " + Arrays.toString(weights.get(key).shape()));
                    used.add(key);
                }
            }
            bound.put(i + 1, LayerWeights.of(byName));
        }
        for (String module : StateDictKeys.modules(keys)) {
            if (keys.stream().anyMatch(k -> StateDictKeys.prefixOf(k).equals(module) && !used.contains(k))) {
                problems.add("module '" + module + "' (" + describe(module, keys, weights)
                        + ") is not used by any layer");
            }
        }
        if (!problems.isEmpty()) {
            throw new RefException(message(spec, prefixes, keys, weights, problems));
        }
        return bound;
    }

    private static void checkNumbers(NetworkSpec spec, Map<Integer, String> prefixes) {
        for (Map.Entry<Integer, String> e : prefixes.entrySet()) {
            int n = e.getKey();
            if (n < 1 || n > spec.layers().size()) {
                throw new RefException("weight naming: layer number " + n + " is outside 1.." + spec.layers().size()
                        + " of network " + spec.name());
            }
            if (!StateDictKeys.hasWeights(spec.layers().get(n - 1))) {
                throw new RefException("weight naming: " + spec.label(n) + " of network " + spec.name()
                        + " has no weights, but prefix '" + e.getValue() + "' was given for it");
            }
            if (e.getValue() == null) {
                throw new RefException("weight naming: the prefix of " + spec.label(n) + " is null");
            }
        }
    }

    private static String message(NetworkSpec spec, Map<Integer, String> prefixes, List<String> keys,
                                  Map<String, Tensor> weights, List<String> problems) {
        StringBuilder sb = new StringBuilder("the weights do not fit network " + spec.name() + ": "
                + problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        sb.append("\n  problems:");
        problems.forEach(p -> sb.append("\n    ").append(p));
        sb.append("\n  expected by the network:");
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            if (StateDictKeys.hasWeights(layer)) {
                String prefix = prefixes.get(i + 1);
                sb.append("\n    ").append(spec.label(i + 1)).append(" <- ")
                        .append(prefix == null ? "?" : "'" + prefix + "'").append(": ");
                List<String> parts = new ArrayList<>();
                StateDictKeys.expected(layer).forEach((name, shape) -> parts.add(name + " " + Arrays.toString(shape)));
                sb.append(String.join(", ", parts));
            }
        }
        sb.append("\n  found in the state_dict:");
        for (String module : StateDictKeys.modules(keys)) {
            sb.append("\n    '").append(module).append("': ").append(describe(module, keys, weights));
        }
        return sb.toString();
    }

    private static String describe(String module, List<String> keys, Map<String, Tensor> weights) {
        List<String> parts = new ArrayList<>();
        for (String key : keys) {
            if (StateDictKeys.prefixOf(key).equals(module)) {
                String name = module.isEmpty() ? key : key.substring(module.length() + 1);
                parts.add(name + " " + Arrays.toString(weights.get(key).shape()));
            }
        }
        return String.join(", ", parts);
    }
}
