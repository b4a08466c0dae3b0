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
 * {@code check: conv_output_shape}: the output shape of one conv2d, computed by the reference from
 * {@code given: {input: [C, H, W], out_channels, kernel, stride: 1, padding: 0, dilation: 1, groups: 1}}.
 */
public final class ConvOutputShapeKind implements CheckKind {

    static final List<String> GIVEN = List.of("input", "out_channels", "kernel", "stride", "padding", "dilation",
            "groups");

    @Override
    public String name() {
        return "conv_output_shape";
    }

    @Override
    public String description() {
        return "the output shape [C, H, W] of a conv2d, computed by the reference, with a catalogue of"
                + " output-size mistakes";
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
        Integer out = Args.integer(g, "out_channels", 1);
        Pair kernel = Args.pair(g, "kernel", 1, null);
        Pair stride = Args.pair(g, "stride", 1, Pair.of(1));
        Pair padding = Args.pair(g, "padding", 0, Pair.of(0));
        Pair dilation = Args.pair(g, "dilation", 1, Pair.of(1));
        Integer groups = Args.integer(g, "groups", 1, 1);
        if (input == null || out == null || kernel == null || stride == null || padding == null || dilation == null
                || groups == null) {
            return null;
        }
        return ShapeKinds.singleLayer(config, input,
                () -> new LayerSpec.Conv2d(input.c(), out, kernel, stride, padding, dilation, groups, true));
    }
}
