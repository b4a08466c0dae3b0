package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.net.LayerSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How PyTorch names the tensors of a module in a state_dict, and which layers have them. */
final class StateDictKeys {
    static final String WEIGHT = "weight";
    static final String BIAS = "bias";
    static final String RUNNING_MEAN = "running_mean";
    static final String RUNNING_VAR = "running_var";
    /** A batch norm's step counter: present in state_dicts, not used at inference. */
    static final String NUM_BATCHES_TRACKED = "num_batches_tracked";

    private StateDictKeys() {
    }

    /** The module prefixes of {@code keys} (the key without its last {@code .name}), in order of first use. */
    static Set<String> modules(List<String> keys) {
        Set<String> modules = new LinkedHashSet<>();
        for (String key : keys) {
            modules.add(prefixOf(key));
        }
        return modules;
    }

    /** {@code features.0} for {@code features.0.weight}; the empty string for a bare {@code weight}. */
    static String prefixOf(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? "" : key.substring(0, dot);
    }

    /** {@code prefix.name}, or {@code name} for the empty prefix. */
    static String key(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** Whether the layer has parameters or buffers in a state_dict. */
    static boolean hasWeights(LayerSpec layer) {
        return layer instanceof LayerSpec.Conv2d || layer instanceof LayerSpec.Linear
                || layer instanceof LayerSpec.BatchNorm2d || layer instanceof LayerSpec.TableConv2d
                || layer instanceof LayerSpec.Subsampling2d;
    }

    /** The tensors PyTorch stores for {@code layer}, by name, with their shapes, in PyTorch's order. */
    static Map<String, int[]> expected(LayerSpec layer) {
        Map<String, int[]> m = new LinkedHashMap<>();
        if (layer instanceof LayerSpec.Conv2d c) {
            m.put(WEIGHT, new int[] {c.out(), c.in() / c.groups(), c.kernel().h(), c.kernel().w()});
            if (c.bias()) {
                m.put(BIAS, new int[] {c.out()});
            }
        } else if (layer instanceof LayerSpec.Linear l) {
            m.put(WEIGHT, new int[] {l.out(), l.in()});
            if (l.bias()) {
                m.put(BIAS, new int[] {l.out()});
            }
        } else if (layer instanceof LayerSpec.BatchNorm2d b) {
            if (b.affine()) {
                m.put(WEIGHT, new int[] {b.channels()});
                m.put(BIAS, new int[] {b.channels()});
            }
            m.put(RUNNING_MEAN, new int[] {b.channels()});
            m.put(RUNNING_VAR, new int[] {b.channels()});
        }
        return m;
    }
}
