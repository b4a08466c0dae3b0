package io.tensorgrade.grader.check.model;

import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs layers with state_dict modules by their tensors' names and shapes, for models whose modules are
 * declared in another order than they run ({@code self.fc} before {@code self.features}). Each layer, in
 * order, takes the first unused module (in key order) with exactly its tensor names and shapes; the pairing
 * counts only when every layer finds one and every module is used. Modules of equal shapes keep their key
 * order among themselves.
 */
final class ShapeMatching {
    private ShapeMatching() {
    }

    /** Layer number to module prefix, or null when some layer or module is left without a partner. */
    static Map<Integer, String> prefixes(NetworkSpec spec, Map<String, Tensor> tensors) {
        Map<String, Map<String, List<Integer>>> modules = new LinkedHashMap<>();
        tensors.forEach((key, t) -> {
            int dot = key.lastIndexOf('.');
            String prefix = dot < 0 ? "" : key.substring(0, dot);
            String name = key.substring(dot + 1);
            if (!name.equals("num_batches_tracked")) {
                modules.computeIfAbsent(prefix, k -> new LinkedHashMap<>()).put(name, boxed(t.shape()));
            }
        });
        Set<String> unused = new LinkedHashSet<>(modules.keySet());
        Map<Integer, String> out = new LinkedHashMap<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            if (!StateDictNames.hasWeights(spec.layers().get(i))) {
                continue;
            }
            Map<String, List<Integer>> want = new LinkedHashMap<>();
            StateDictNames.expected(spec.layers().get(i)).forEach((name, shape) -> want.put(name, boxed(shape)));
            String found = unused.stream().filter(m -> modules.get(m).equals(want)).findFirst().orElse(null);
            if (found == null || want.isEmpty()) {
                return null;
            }
            unused.remove(found);
            out.put(i + 1, found);
        }
        return unused.isEmpty() ? out : null;
    }

    /** {@code layer 22 (linear 128->10) <- 'fc', ...} */
    static String describe(NetworkSpec spec, Map<Integer, String> prefixes) {
        List<String> parts = new ArrayList<>();
        prefixes.forEach((layer, prefix) -> parts.add(spec.label(layer) + " <- '" + prefix + "'"));
        return String.join(", ", parts);
    }

    private static List<Integer> boxed(int[] shape) {
        return Arrays.stream(shape).boxed().toList();
    }
}
