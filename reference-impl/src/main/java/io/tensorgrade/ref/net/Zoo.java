package io.tensorgrade.ref.net;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.LayerSpec.AdaptiveAvgPool2d;
import io.tensorgrade.ref.net.LayerSpec.AvgPool2d;
import io.tensorgrade.ref.net.LayerSpec.Conv2d;
import io.tensorgrade.ref.net.LayerSpec.Dropout;
import io.tensorgrade.ref.net.LayerSpec.Flatten;
import io.tensorgrade.ref.net.LayerSpec.Linear;
import io.tensorgrade.ref.net.LayerSpec.MaxPool2d;
import io.tensorgrade.ref.net.LayerSpec.Relu;
import io.tensorgrade.ref.net.LayerSpec.Subsampling2d;
import io.tensorgrade.ref.net.LayerSpec.TableConv2d;
import io.tensorgrade.ref.net.LayerSpec.Tanh;
import io.tensorgrade.ref.ops.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Classic networks by name: {@code alexnet}, {@code lenet5}, {@code lenet5-partial-c3},
 * {@code lenet5-lecun1998}, {@code cs5242-cnn}, {@code cs231n-three-layer}. Names are matched
 * case-insensitively and {@code _} is read as {@code -}.
 *
 * <p>LeNet-5 comes in three forms. {@code lenet5} (full C3, 61,706 parameters) and
 * {@code lenet5-partial-c3} (LeCun's C3 table, 60,806) are the PyTorch form that courses use (seed 003):
 * S2 and S4 are parameter-free 2x2 average pooling. {@code lenet5-lecun1998} is the paper's: partial C3
 * and trainable {@link LayerSpec.Subsampling2d} S2/S4 (2 parameters per map), 60,850 parameters with a
 * linear output layer, of which 60,000 before it (the paper's "60,000 trainable parameters").
 */
public final class Zoo {
    /** LeNet-5's C3 connection table (LeCun et al. 1998, table I): the S2 maps each C3 map sees. */
    public static final List<List<Integer>> LENET5_C3_TABLE = List.of(
            List.of(0, 1, 2), List.of(1, 2, 3), List.of(2, 3, 4), List.of(3, 4, 5), List.of(0, 4, 5),
            List.of(0, 1, 5),
            List.of(0, 1, 2, 3), List.of(1, 2, 3, 4), List.of(2, 3, 4, 5), List.of(0, 3, 4, 5), List.of(0, 1, 4, 5),
            List.of(0, 1, 2, 5), List.of(0, 1, 3, 4), List.of(1, 2, 4, 5), List.of(0, 2, 3, 5),
            List.of(0, 1, 2, 3, 4, 5));

    private record Entry(Supplier<NetworkSpec> build, ActivationShape input) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        ENTRIES.put("alexnet", new Entry(Zoo::alexnet, ActivationShape.chw(3, 224, 224)));
        ENTRIES.put("lenet5", new Entry(() -> lenet5("lenet5", false, false), ActivationShape.chw(1, 32, 32)));
        ENTRIES.put("lenet5-partial-c3", new Entry(() -> lenet5("lenet5-partial-c3", true, false),
                ActivationShape.chw(1, 32, 32)));
        ENTRIES.put("lenet5-lecun1998", new Entry(() -> lenet5("lenet5-lecun1998", true, true),
                ActivationShape.chw(1, 32, 32)));
        ENTRIES.put("cs5242-cnn", new Entry(Zoo::cs5242Cnn, ActivationShape.chw(3, 32, 32)));
        ENTRIES.put("cs231n-three-layer", new Entry(Zoo::cs231nThreeLayer, ActivationShape.chw(3, 32, 32)));
    }

    private Zoo() {
    }

    /** The known names, in a stable order. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** The network called {@code name}; a {@link RefException} listing the known names otherwise. */
    public static NetworkSpec get(String name) {
        return entry(name).build().get();
    }

    /** The input shape {@code name} was designed for, e.g. 3x224x224 for AlexNet. */
    public static ActivationShape input(String name) {
        return entry(name).input();
    }

    private static Entry entry(String name) {
        Entry entry = name == null ? null : ENTRIES.get(name.strip().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (entry == null) {
            throw new RefException("unknown zoo network '" + name + "'; known: " + String.join(", ", names()));
        }
        return entry;
    }

    /** torchvision's {@code alexnet()}: features, AdaptiveAvgPool2d((6, 6)), flatten, classifier with dropout. */
    public static NetworkSpec alexnet() {
        return new NetworkSpec("alexnet", List.of(
                Conv2d.of(3, 64, 11, 4, 2), new Relu(), MaxPool2d.of(3, 2),
                Conv2d.of(64, 192, 5, 1, 2), new Relu(), MaxPool2d.of(3, 2),
                Conv2d.of(192, 384, 3, 1, 1), new Relu(),
                Conv2d.of(384, 256, 3, 1, 1), new Relu(),
                Conv2d.of(256, 256, 3, 1, 1), new Relu(), MaxPool2d.of(3, 2),
                new AdaptiveAvgPool2d(6, 6), new Flatten(),
                new Dropout(0.5), new Linear(256 * 6 * 6, 4096, true), new Relu(),
                new Dropout(0.5), new Linear(4096, 4096, true), new Relu(),
                new Linear(4096, 1000, true)));
    }

    /**
     * LeNet-5 on 1x32x32 with tanh after C1, S2, C3, S4, C5 and F6, and a linear output layer.
     *
     * @param partialC3   C3 uses {@link #LENET5_C3_TABLE} instead of seeing all six S2 maps
     * @param subsampling S2 and S4 are LeCun's trainable {@link Subsampling2d} (2 parameters per map)
     *                    instead of parameter-free 2x2 average pooling
     */
    public static NetworkSpec lenet5(String name, boolean partialC3, boolean subsampling) {
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(Conv2d.of(1, 6, 5, 1, 0));
        layers.add(new Tanh());
        layers.add(subsampling ? new Subsampling2d(6, Pair.of(2), Pair.of(2)) : AvgPool2d.of(2, 2));
        layers.add(new Tanh());
        layers.add(partialC3 ? new TableConv2d(6, Pair.of(5), LENET5_C3_TABLE, true) : Conv2d.of(6, 16, 5, 1, 0));
        layers.add(new Tanh());
        layers.add(subsampling ? new Subsampling2d(16, Pair.of(2), Pair.of(2)) : AvgPool2d.of(2, 2));
        layers.add(new Tanh());
        layers.add(Conv2d.of(16, 120, 5, 1, 0));
        layers.add(new Tanh());
        layers.add(new Flatten());
        layers.add(new Linear(120, 84, true));
        layers.add(new Tanh());
        layers.add(new Linear(84, 10, true));
        return new NetworkSpec(name, layers);
    }

    /** CS5242's CIFAR-10 CNN: eight 3x3 convs (padding 1, ReLU), three 2x2 max pools, global average pool, fc. */
    public static NetworkSpec cs5242Cnn() {
        List<LayerSpec> layers = new ArrayList<>();
        int[][] blocks = {{3, 16, 16}, {16, 32, 32}, {32, 64, 64}, {64, 128, 128}};
        for (int b = 0; b < blocks.length; b++) {
            layers.add(Conv2d.of(blocks[b][0], blocks[b][1], 3, 1, 1));
            layers.add(new Relu());
            layers.add(Conv2d.of(blocks[b][1], blocks[b][2], 3, 1, 1));
            layers.add(new Relu());
            if (b < blocks.length - 1) {
                layers.add(MaxPool2d.of(2, 2));
            }
        }
        layers.add(new AdaptiveAvgPool2d(1, 1));
        layers.add(new Flatten());
        layers.add(new Linear(128, 10, true));
        return new NetworkSpec("cs5242-cnn", layers);
    }

    /** cs231n's ThreeLayerConvNet with its defaults: conv 32 7x7 pad 3 - relu - 2x2 max pool - fc 100 - relu - fc 10. */
    public static NetworkSpec cs231nThreeLayer() {
        return new NetworkSpec("cs231n-three-layer", List.of(
                Conv2d.of(3, 32, 7, 1, 3), new Relu(), MaxPool2d.of(2, 2),
                new Flatten(), new Linear(32 * 16 * 16, 100, true), new Relu(),
                new Linear(100, 10, true)));
    }
}
