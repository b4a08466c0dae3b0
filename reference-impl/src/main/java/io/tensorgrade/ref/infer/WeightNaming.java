package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.NetworkSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Says which state_dict module holds the weights of each layer of a {@link NetworkSpec}: layer number
 * (1-based, as in {@link NetworkSpec#label}) to key prefix, e.g. {@code 1 -> "features.0"} for the keys
 * {@code features.0.weight} and {@code features.0.bias}. Layers with weights are conv2d, linear and
 * batch_norm2d (its running statistics count, even without affine parameters).
 */
@FunctionalInterface
public interface WeightNaming {

    /**
     * The key prefix of each layer with weights. {@code keys} are the state_dict's keys in its order. A
     * layer left out, or a module no layer takes, is reported when the weights are bound.
     */
    Map<Integer, String> prefixes(NetworkSpec spec, List<String> keys);

    /**
     * The layers with weights, in order, take the state_dict's modules in key order: how
     * {@code nn.Sequential} and most hand-written models ({@code conv1}, {@code bn1}, ..., {@code fc})
     * are laid out. The map given to {@link InferenceModel#compile} must keep the state_dict's order
     * (a {@link java.util.LinkedHashMap}, as the checkpoint readers return).
     */
    static WeightNaming inOrder() {
        return (spec, keys) -> {
            List<String> modules = new ArrayList<>(StateDictKeys.modules(keys));
            Map<Integer, String> out = new LinkedHashMap<>();
            int next = 0;
            for (int i = 0; i < spec.layers().size() && next < modules.size(); i++) {
                if (StateDictKeys.hasWeights(spec.layers().get(i))) {
                    out.put(i + 1, modules.get(next++));
                }
            }
            return out;
        };
    }

    /** Exactly the given prefixes by layer number, e.g. {@code Map.of(1, "conv1", 3, "fc")}. */
    static WeightNaming explicit(Map<Integer, String> prefixes) {
        if (prefixes == null) {
            throw new RefException("weight naming: prefixes must not be null");
        }
        Map<Integer, String> copy = Map.copyOf(prefixes);
        return (spec, keys) -> copy;
    }
}
