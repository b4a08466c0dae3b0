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
import java.util.function.Supplier;

/**
 * The kinds whose answer is the output shape of one layer, built by the reference from {@code given: {input:
 * [C, H, W], ...}}, with the catalogue of output-size mistakes: {@link #conv()} and {@link #pool()}.
 */
public final class LayerShapeKind implements CheckKind {

    /** Reads a layer's arguments from {@code given}; null after reporting a bad one. */
    private interface LayerReader {
        /**
         * The layer (built lazily, so that the reference's own complaints become rubric errors).
         *
         * @param input the input shape, null when it was bad (the other arguments are still checked)
         */
        Supplier<LayerSpec> read(ConfigReader given, Chw input);
    }

    private final String name;
    private final String layer;
    private final List<String> given;
    private final LayerReader reader;

    private LayerShapeKind(String name, String layer, List<String> given, LayerReader reader) {
        this.name = name;
        this.layer = layer;
        this.given = List.copyOf(given);
        this.reader = reader;
    }

    /**
     * {@code check: conv_output_shape}: one conv2d, from {@code given: {input: [C, H, W], out_channels, kernel,
     * stride: 1, padding: 0, dilation: 1, groups: 1}}.
     */
    public static LayerShapeKind conv() {
        return new LayerShapeKind("conv_output_shape", "a conv2d",
                List.of("input", "out_channels", "kernel", "stride", "padding", "dilation", "groups"),
                LayerShapeKind::conv);
    }

    /**
     * {@code check: pool_output_shape}: one max or average pooling layer, from {@code given: {input: [C, H, W],
     * type: max|avg, kernel, stride (default kernel), padding: 0, dilation: 1, ceil_mode: false}}.
     */
    public static LayerShapeKind pool() {
        return new LayerShapeKind("pool_output_shape", "a max or average pooling layer",
                List.of("input", "type", "kernel", "stride", "padding", "dilation", "ceil_mode"),
                LayerShapeKind::pool);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "the output shape [C, H, W] of " + layer + ", computed by the reference, with a catalogue of"
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
        Optional<ConfigReader> g = ShapeKinds.given(config, given);
        if (g.isEmpty()) {
            return null;
        }
        Chw input = Args.chw(g.get(), "input");
        Supplier<LayerSpec> spec = reader.read(g.get(), input);
        return input == null || spec == null ? null : ShapeKinds.singleLayer(config, input, spec);
    }

    private static Supplier<LayerSpec> conv(ConfigReader g, Chw input) {
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
        return () -> new LayerSpec.Conv2d(input.c(), out, kernel, stride, padding, dilation, groups, true);
    }

    private static Supplier<LayerSpec> pool(ConfigReader g, Chw input) {
        String type = g.choice("type", List.of("max", "avg"), "max");
        Pair kernel = Args.pair(g, "kernel", 1, null);
        Pair stride = Args.pairOr(g, "stride", 1, kernel);
        Pair padding = Args.pair(g, "padding", 0, Pair.of(0));
        Pair dilation = Args.pair(g, "dilation", 1, Pair.of(1));
        boolean ceil = g.bool("ceil_mode", false);
        if (type.equals("avg") && g.has("dilation") && !Pair.of(1).equals(dilation)) {
            g.error("dilation", "average pooling has no dilation (PyTorch's avg_pool2d takes none)");
        }
        if (input == null || kernel == null || stride == null || padding == null || dilation == null) {
            return null;
        }
        return () -> type.equals("avg")
                ? new LayerSpec.AvgPool2d(kernel, stride, padding, ceil, true)
                : new LayerSpec.MaxPool2d(kernel, stride, padding, dilation, ceil);
    }
}
