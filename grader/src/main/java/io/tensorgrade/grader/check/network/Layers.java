package io.tensorgrade.grader.check.network;

import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.ref.net.LayerSpec.AdaptiveAvgPool2d;
import io.tensorgrade.ref.net.LayerSpec.AvgPool2d;
import io.tensorgrade.ref.net.LayerSpec.BatchNorm2d;
import io.tensorgrade.ref.net.LayerSpec.Conv2d;
import io.tensorgrade.ref.net.LayerSpec.Dropout;
import io.tensorgrade.ref.net.LayerSpec.Flatten;
import io.tensorgrade.ref.net.LayerSpec.Linear;
import io.tensorgrade.ref.net.LayerSpec.MaxPool2d;
import io.tensorgrade.ref.net.LayerSpec.Relu;
import io.tensorgrade.ref.net.LayerSpec.Sigmoid;
import io.tensorgrade.ref.net.LayerSpec.Subsampling2d;
import io.tensorgrade.ref.net.LayerSpec.TableConv2d;
import io.tensorgrade.ref.net.LayerSpec.Tanh;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.ops.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The layers an inline network may use, their keys (PyTorch's defaults) and how each is built. */
final class Layers {

    /** Layer name to its keys, in the order the docs list them. */
    static final Map<String, List<String>> KEYS;

    static {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("conv2d", List.of("in", "out", "kernel", "stride", "padding", "dilation", "groups", "bias"));
        keys.put("table_conv2d", List.of("in", "kernel", "table", "bias"));
        keys.put("max_pool2d", List.of("kernel", "stride", "padding", "dilation", "ceil_mode"));
        keys.put("avg_pool2d", List.of("kernel", "stride", "padding", "ceil_mode", "count_include_pad"));
        keys.put("adaptive_avg_pool2d", List.of("output"));
        keys.put("subsampling2d", List.of("channels", "kernel", "stride"));
        keys.put("linear", List.of("in", "out", "bias"));
        keys.put("batch_norm2d", List.of("channels", "affine"));
        keys.put("dropout", List.of("p"));
        keys.put("relu", List.of());
        keys.put("sigmoid", List.of());
        keys.put("tanh", List.of());
        keys.put("flatten", List.of());
        KEYS = java.util.Collections.unmodifiableMap(keys);
    }

    private Layers() {
    }

    /**
     * The layer {@code name} with the arguments in {@code a}; null after a problem with an argument.
     * Consistency between arguments is left to the layer spec, whose {@code RefException} names it.
     */
    static LayerSpec build(String name, ConfigReader a) {
        return switch (name) {
            case "conv2d" -> {
                Integer in = Args.integer(a, "in", 1);
                Integer out = Args.integer(a, "out", 1);
                Pair kernel = Args.pair(a, "kernel", 1, null);
                Pair stride = Args.pair(a, "stride", 1, Pair.of(1));
                Pair padding = Args.pair(a, "padding", 0, Pair.of(0));
                Pair dilation = Args.pair(a, "dilation", 1, Pair.of(1));
                Integer groups = Args.integer(a, "groups", 1, 1);
                boolean bias = a.bool("bias", true);
                yield anyNull(in, out, kernel, stride, padding, dilation, groups) ? null
                        : new Conv2d(in, out, kernel, stride, padding, dilation, groups, bias);
            }
            case "table_conv2d" -> {
                Integer in = Args.integer(a, "in", 1);
                Pair kernel = Args.pair(a, "kernel", 1, null);
                List<List<Integer>> table = a.value("table", Layers::table);
                boolean bias = a.bool("bias", true);
                yield anyNull(in, kernel, table) ? null : new TableConv2d(in, kernel, table, bias);
            }
            case "max_pool2d" -> {
                Pair kernel = Args.pair(a, "kernel", 1, null);
                Pair stride = Args.pairOr(a, "stride", 1, kernel);
                Pair padding = Args.pair(a, "padding", 0, Pair.of(0));
                Pair dilation = Args.pair(a, "dilation", 1, Pair.of(1));
                boolean ceil = a.bool("ceil_mode", false);
                yield anyNull(kernel, stride, padding, dilation) ? null
                        : new MaxPool2d(kernel, stride, padding, dilation, ceil);
            }
            case "avg_pool2d" -> {
                Pair kernel = Args.pair(a, "kernel", 1, null);
                Pair stride = Args.pairOr(a, "stride", 1, kernel);
                Pair padding = Args.pair(a, "padding", 0, Pair.of(0));
                boolean ceil = a.bool("ceil_mode", false);
                boolean includePad = a.bool("count_include_pad", true);
                yield anyNull(kernel, stride, padding) ? null
                        : new AvgPool2d(kernel, stride, padding, ceil, includePad);
            }
            case "adaptive_avg_pool2d" -> {
                Pair output = Args.pair(a, "output", 1, null);
                yield output == null ? null : new AdaptiveAvgPool2d(output.h(), output.w());
            }
            case "subsampling2d" -> {
                Integer channels = Args.integer(a, "channels", 1);
                Pair kernel = Args.pair(a, "kernel", 1, null);
                Pair stride = Args.pairOr(a, "stride", 1, kernel);
                yield anyNull(channels, kernel, stride) ? null : new Subsampling2d(channels, kernel, stride);
            }
            case "linear" -> {
                Integer in = Args.integer(a, "in", 1);
                Integer out = Args.integer(a, "out", 1);
                boolean bias = a.bool("bias", true);
                yield anyNull(in, out) ? null : new Linear(in, out, bias);
            }
            case "batch_norm2d" -> {
                Integer channels = Args.integer(a, "channels", 1);
                boolean affine = a.bool("affine", true);
                yield channels == null ? null : new BatchNorm2d(channels, affine);
            }
            case "dropout" -> new Dropout(a.fraction("p", 0.5));
            case "relu" -> new Relu();
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            case "flatten" -> new Flatten();
            default -> throw new IllegalArgumentException("no builder for layer " + name);
        };
    }

    /** A connection table: one list of input-map indices (from 0) per output map. */
    private static List<List<Integer>> table(YamlNode node) {
        if (!(node instanceof YamlList rows) || rows.size() == 0) {
            throw new IllegalArgumentException("expected a list of rows such as [[0, 1, 2], [1, 2, 3]], one per"
                    + " output map, found " + node.describe());
        }
        List<List<Integer>> table = new ArrayList<>();
        for (YamlNode row : rows.items()) {
            if (!(row instanceof YamlList)) {
                throw new IllegalArgumentException("every row must be a list of input maps (from 0), found "
                        + row.describe() + " at line " + row.line());
            }
            table.add(Args.integers(row, 0));
        }
        return table;
    }

    private static boolean anyNull(Object... values) {
        return Arrays.stream(values).anyMatch(Objects::isNull);
    }
}
