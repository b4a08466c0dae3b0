package io.tensorgrade.grader.check.model;

import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state_dict keys as the accuracy check sees them: wrapper prefixes removed, and the tensors PyTorch
 * stores for each layer of the network (to validate a rubric's network and describe what is expected).
 */
final class StateDictNames {
    /**
     * Prefixes that wrappers put before every key: {@code nn.DataParallel} / DistributedDataParallel
     * ({@code module.}) and {@code torch.compile} ({@code _orig_mod.}).
     */
    static final List<String> WRAPPER_PREFIXES = List.of("module.", "_orig_mod.");

    private StateDictNames() {
    }

    /** The state_dict without its wrapper prefixes and the prefixes removed (e.g. {@code module.}). */
    record Stripped(Map<String, Tensor> tensors, String removed) {
    }

    /** Removes a wrapper prefix shared by every key, repeatedly ({@code module._orig_mod.}); order is kept. */
    static Stripped strip(Map<String, Tensor> tensors) {
        Map<String, Tensor> current = tensors;
        StringBuilder removed = new StringBuilder();
        boolean again = true;
        while (again && !current.isEmpty()) {
            again = false;
            for (String prefix : WRAPPER_PREFIXES) {
                if (current.keySet().stream().allMatch(k -> k.startsWith(prefix) && k.length() > prefix.length())) {
                    Map<String, Tensor> next = new LinkedHashMap<>();
                    current.forEach((k, v) -> next.put(k.substring(prefix.length()), v));
                    current = next;
                    removed.append(prefix);
                    again = true;
                }
            }
        }
        return new Stripped(current, removed.toString());
    }

    /** Whether PyTorch stores tensors for {@code layer} (conv2d, linear, batch_norm2d, and LeNet's special layers). */
    static boolean hasWeights(LayerSpec layer) {
        return layer instanceof LayerSpec.Conv2d || layer instanceof LayerSpec.Linear
                || layer instanceof LayerSpec.BatchNorm2d || layer instanceof LayerSpec.TableConv2d
                || layer instanceof LayerSpec.Subsampling2d;
    }

    /** The tensors of a conv2d, linear or batch_norm2d layer by name, with their shapes, in PyTorch's order. */
    static Map<String, int[]> expected(LayerSpec layer) {
        Map<String, int[]> m = new LinkedHashMap<>();
        if (layer instanceof LayerSpec.Conv2d c) {
            m.put("weight", new int[] {c.out(), c.in() / c.groups(), c.kernel().h(), c.kernel().w()});
            if (c.bias()) {
                m.put("bias", new int[] {c.out()});
            }
        } else if (layer instanceof LayerSpec.Linear l) {
            m.put("weight", new int[] {l.out(), l.in()});
            if (l.bias()) {
                m.put("bias", new int[] {l.out()});
            }
        } else if (layer instanceof LayerSpec.BatchNorm2d b) {
            if (b.affine()) {
                m.put("weight", new int[] {b.channels()});
                m.put("bias", new int[] {b.channels()});
            }
            m.put("running_mean", new int[] {b.channels()});
            m.put("running_var", new int[] {b.channels()});
        }
        return m;
    }

    /**
     * A state_dict of zeros (running variances of one) for {@code spec}, keys {@code layerN.NAME}: compiling
     * it tells at rubric load whether inference supports the network.
     */
    static Map<String, Tensor> placeholder(NetworkSpec spec) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            int n = i + 1;
            expected(spec.layers().get(i)).forEach((name, shape) -> out.put("layer" + n + "." + name,
                    name.equals("running_var") ? Tensor.full(1.0, shape) : Tensor.zeros(shape)));
        }
        return out;
    }

    /** The expected tensors, one line per layer with weights: {@code layer 1 (conv2d 3->16 k=3): weight [16, 3, 3, 3], bias [16]}. */
    static List<String> describe(NetworkSpec spec) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            Map<String, int[]> tensors = expected(spec.layers().get(i));
            if (!tensors.isEmpty()) {
                List<String> parts = new ArrayList<>();
                tensors.forEach((name, shape) -> parts.add(name + " " + java.util.Arrays.toString(shape)));
                lines.add(spec.label(i + 1) + ": " + String.join(", ", parts));
            }
        }
        return lines;
    }
}
