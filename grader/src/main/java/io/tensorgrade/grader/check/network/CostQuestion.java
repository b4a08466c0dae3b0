package io.tensorgrade.grader.check.network;

import io.tensorgrade.ref.cost.Convention;
import io.tensorgrade.ref.cost.LayerCost;
import io.tensorgrade.ref.cost.NetworkCost;
import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.shape.OutputSize;
import io.tensorgrade.ref.shape.SizeRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * "How many parameters / MACs / operations do these layers of this network have?", answered by the
 * reference. Mistakes are the same question with something changed (the network, the convention, the
 * layers, the size rule) and asked again.
 *
 * @param input      null only for parameter counts without an input
 * @param convention how operations are counted (FLOPS only; MACS uses {@link Convention#macs}, PARAMS none)
 * @param layers     1-based layer numbers to add up, distinct and sorted
 */
record CostQuestion(Measure measure, NetworkSpec net, ActivationShape input, Convention convention, SizeRule rule,
                    List<Integer> layers, boolean weightsOnly) {

    /** What is counted. */
    enum Measure {
        PARAMS, MACS, FLOPS;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    CostQuestion {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(rule, "rule");
        layers = layers.stream().distinct().sorted().toList();
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no layers to count");
        }
        if (measure != Measure.PARAMS && (input == null || convention == null)) {
            throw new IllegalArgumentException(measure.id() + " needs an input and a convention");
        }
    }

    /** All layers of {@code net}, PyTorch's sizes. */
    static CostQuestion of(Measure measure, NetworkSpec net, ActivationShape input, Convention convention,
                           List<Integer> layers, boolean weightsOnly) {
        List<Integer> selected = layers.isEmpty() ? range(net.layers().size()) : layers;
        Convention c = measure == Measure.MACS ? Convention.macs : measure == Measure.PARAMS ? null : convention;
        return new CostQuestion(measure, net, input, c, OutputSize.PYTORCH, selected, weightsOnly);
    }

    CostQuestion withNet(NetworkSpec other) {
        return new CostQuestion(measure, other, input, convention, rule, layers, weightsOnly);
    }

    /** The operation count under {@code other} (a MAC question becomes a FLOP question). */
    CostQuestion withConvention(Convention other) {
        return new CostQuestion(Measure.FLOPS, net, input, other, rule, layers, weightsOnly);
    }

    CostQuestion withRule(SizeRule other) {
        return new CostQuestion(measure, net, input, convention, other, layers, weightsOnly);
    }

    CostQuestion withLayers(List<Integer> other) {
        return new CostQuestion(measure, net, input, convention, rule, other, weightsOnly);
    }

    CostQuestion withWeightsOnly(boolean other) {
        return new CostQuestion(measure, net, input, convention, rule, layers, other);
    }

    /** The network that is counted: without biases for weights only, cut after the last counted layer. */
    NetworkSpec counted() {
        NetworkSpec cut = Variants.truncated(net, layers.get(layers.size() - 1));
        return weightsOnly ? Variants.withoutBiases(cut) : cut;
    }

    /** The reference's per-layer counts of {@link #counted()}; MACS and FLOPS only. */
    NetworkCost cost() {
        return NetworkCost.of(counted(), input, convention, rule);
    }

    /** The answer. */
    long value() {
        if (measure == Measure.PARAMS) {
            NetworkSpec counted = counted();
            return layers.stream().mapToLong(i -> counted.layers().get(i - 1).params()).sum();
        }
        NetworkCost cost = cost();
        return layers.stream().map(i -> cost.layers().get(i - 1))
                .mapToLong(l -> measure == Measure.MACS ? l.macs() : l.flops()).sum();
    }

    /** The layer at 1-based {@code number}. */
    LayerSpec layer(int number) {
        return net.layers().get(number - 1);
    }

    /** Per counted layer that contributes: the layer, its output shape, the count and its formula; then the total. */
    String breakdown() {
        List<String> lines = new ArrayList<>();
        if (measure == Measure.PARAMS) {
            NetworkSpec counted = counted();
            if (weightsOnly) {
                lines.add("weights only (biases left out):");
            }
            for (int i : layers) {
                LayerSpec layer = counted.layers().get(i - 1);
                if (layer.params() > 0) {
                    lines.add("layer " + i + " (" + layer.describe() + "): " + layer.paramsFormula() + " = "
                            + layer.params());
                }
            }
        } else {
            if (measure == Measure.FLOPS) {
                lines.add("convention " + convention + ": " + convention.summary());
            }
            NetworkCost cost = cost();
            for (int i : layers) {
                LayerCost l = cost.layers().get(i - 1);
                long count = measure == Measure.MACS ? l.macs() : l.flops();
                if (count > 0) {
                    lines.add("layer " + i + " (" + l.layer() + "), output " + l.output() + ": " + l.formula());
                }
            }
        }
        if (lines.size() <= (measure == Measure.FLOPS || weightsOnly ? 1 : 0)) {
            lines.add("no counted layer contributes anything");
        }
        lines.add("total = " + String.format(Locale.ROOT, "%,d", value())
                + (layers.size() == net.layers().size() ? ""
                : layers.size() == 1 ? " (layer " + layers.get(0) + ")" : " (layers " + join(layers) + ")"));
        return String.join("\n", lines);
    }

    static String join(List<Integer> numbers) {
        return String.join(", ", numbers.stream().map(String::valueOf).toList());
    }

    static List<Integer> range(int n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            all.add(i);
        }
        return all;
    }
}
