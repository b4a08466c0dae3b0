package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the state_dict in an unpickled checkpoint: the top level when it is a dict of tensors, or a
 * dict of tensors under a conventional key ({@code state_dict}, {@code model_state_dict}, {@code model},
 * ...) of a training checkpoint that also holds an optimizer, an epoch and so on.
 */
final class StateDicts {
    /** Keys that training scripts and libraries commonly use for the model's weights, in order of preference. */
    static final List<String> KEYS = List.of("state_dict", "model_state_dict", "model", "model_state", "net",
            "network", "weights", "params", "module");

    /** A state_dict and where it was found: "" for the top level, else the key. */
    record Found(String key, Map<String, TorchTensor> tensors) {
    }

    private StateDicts() {
    }

    static Found find(Object root, String file) {
        Map<String, TorchTensor> top = tensors(root);
        if (top != null) {
            return new Found("", top);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new RefException(file + ": the checkpoint holds " + PyValues.describe(root)
                    + ", not a state_dict; save one with torch.save(model.state_dict(), path)");
        }
        for (String key : KEYS) {
            Map<String, TorchTensor> inner = tensors(map.get(key));
            if (inner != null) {
                return new Found(key, inner);
            }
        }
        List<String> candidates = new ArrayList<>();
        Found only = null;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Map<String, TorchTensor> inner = tensors(e.getValue());
            if (inner != null && e.getKey() instanceof String k) {
                candidates.add(k);
                only = new Found(k, inner);
            }
        }
        if (candidates.size() == 1) {
            return only;
        }
        String keys = keyList(map);
        if (candidates.isEmpty() && map.values().stream().anyMatch(v -> v instanceof TorchTensor)) {
            Map.Entry<?, ?> odd = map.entrySet().stream()
                    .filter(e -> !(e.getKey() instanceof String) || !(e.getValue() instanceof TorchTensor))
                    .findFirst().orElseThrow();
            throw new RefException(file + ": the checkpoint mixes tensors with other values ("
                    + describeKey(odd.getKey()) + " is " + PyValues.describe(odd.getValue())
                    + "); a state_dict maps parameter names to tensors only");
        }
        if (candidates.isEmpty()) {
            throw new RefException(file + ": no state_dict found: the checkpoint is a dict with keys " + keys
                    + " and none of them holds a dict of tensors; save one with torch.save(model.state_dict(), path)");
        }
        throw new RefException(file + ": several dicts of tensors (" + String.join(", ", candidates.subList(0,
                Math.min(5, candidates.size()))) + ") and none under 'state_dict'; store the model's weights under "
                + "'state_dict'");
    }

    /** The value as an ordered map of str to tensor, or null when it is not a non-empty dict of tensors. */
    private static Map<String, TorchTensor> tensors(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            return null;
        }
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof TorchTensor t)) {
                return null;
            }
            out.put(k, t);
        }
        return out;
    }

    private static String describeKey(Object k) {
        return k instanceof String s ? PickleGlobals.printable(s) : PyValues.describe(k);
    }

    private static String keyList(Map<?, ?> map) {
        List<String> keys = new ArrayList<>();
        for (Object k : map.keySet()) {
            if (keys.size() == 10) {
                keys.add("...");
                break;
            }
            keys.add(describeKey(k));
        }
        return keys.toString();
    }
}
