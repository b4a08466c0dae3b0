package io.tensorgrade.grader.check.network;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.shape.Chw;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code check: pool_output_shape}: the output shape of one max or average pooling layer, computed by
 * the reference from {@code given: {input: [C, H, W], type: max|avg, kernel, stride (default kernel),
 * padding: 0, dilation: 1, ceil_mode: false}}.
 */
public final class PoolOutputShapeKind implements CheckKind {

    static final List<String> GIVEN = List.of("input", "type", "kernel", "stride", "padding", "dilation",
            "ceil_mode");

    @Override
    public String name() {
        return "pool_output_shape";
    }

    @Override
    public String description() {
        return "the output shape [C, H, W] of a max or average pooling layer, computed by the reference, with a"
                + " catalogue of output-size mistakes";
    }

    @Override
    public List<String> builtInMistakes() {
        return ShapeKinds.BUILT_IN_MISTAKES;
    }

    @Override
    public Set<String> keys() {
        return ShapeKinds.SINGLE;
    }

    @Override
    public Check create(ConfigReader config) {
        Optional<ConfigReader> given = ShapeKinds.given(config, GIVEN);
        if (given.isEmpty()) {
            return null;
        }
        ConfigReader g = given.get();
        Chw input = Args.chw(g, "input");
        String type = g.choice("type", List.of("max", "avg"), "max");
        Pair kernel = Args.pair(g, "kernel", 1, null);
        Pair stride = Args.pairOr(g, "stride", 1, kernel);
        Pair padding = Args.pair(g, "padding", 0, Pair.of(0));
        Pair dilation = Args.pair(g, "dilation", 1, Pair.of(1));
        boolean ceil = g.bool("ceil_mode", false);
        if (type.equals("avg") && g.has("dilation") && !Pair.of(1).equals(dilation)) {
            g.error("dilation", "average pooling has no dilation (PyTorch's avg_pool2d takes none)");
            return null;
        }
        if (input == null || kernel == null || stride == null || padding == null || dilation == null) {
            return null;
        }
        return ShapeKinds.singleLayer(config, input, () -> type.equals("avg")
                ? new LayerSpec.AvgPool2d(kernel, stride, padding, ceil, true)
                : new LayerSpec.MaxPool2d(kernel, stride, padding, dilation, ceil));
    }
}
