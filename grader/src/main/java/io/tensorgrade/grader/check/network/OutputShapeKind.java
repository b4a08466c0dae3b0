package io.tensorgrade.grader.check.network;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code check: output_shape}: the output shape of layer {@code layer} (1-based; default the last) of a
 * {@code network} on an {@code input}, computed by the reference layer by layer.
 */
public final class OutputShapeKind implements CheckKind {

    @Override
    public String name() {
        return "output_shape";
    }

    @Override
    public String description() {
        return "the output shape of a layer of a network (inline or zoo:NAME), computed by the reference layer by"
                + " layer, with output-size mistakes carried through the network";
    }

    @Override
    public List<String> builtInMistakes() {
        return ShapeKinds.BUILT_IN_MISTAKES;
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new HashSet<>(ShapeKinds.COMMON);
        keys.addAll(Set.of("network", "input", "layer"));
        return Set.copyOf(keys);
    }

    @Override
    public Check create(ConfigReader config) {
        Optional<InlineNetwork> network = NetworkReader.read(config, true);
        Integer layer = config.has("layer") ? Args.integer(config, "layer", 1) : null;
        if (network.isEmpty() || config.has("layer") && layer == null) {
            return null;
        }
        InlineNetwork net = network.get();
        if (layer != null && layer > net.size()) {
            config.error("layer", "layer " + layer + " is outside 1.." + net.size() + " (the network has "
                    + net.size() + " layers)");
            return null;
        }
        return ShapeKinds.check(config, new ShapeQuestion(net.spec(), net.input(), layer == null ? net.size() : layer));
    }
}
