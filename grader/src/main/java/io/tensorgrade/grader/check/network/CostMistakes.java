package io.tensorgrade.grader.check.network;

import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.check.answer.Mistake;
import io.tensorgrade.grader.check.network.CostQuestion.Measure;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.cost.Convention;
import io.tensorgrade.ref.cost.LayerCost;
import io.tensorgrade.ref.cost.NetworkCost;
import io.tensorgrade.ref.net.LayerSpec.Conv2d;
import io.tensorgrade.ref.net.LayerSpec.Relu;
import io.tensorgrade.ref.net.LayerSpec.TableConv2d;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.shape.OutputSize;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The built-in mistakes of the cost kinds, in catalogue order, each computed by asking the reference
 * the question again with the mistake applied. Mistakes that do not apply to a question, or that the
 * reference cannot compute (a wrong size rule that makes the network inconsistent), are left out;
 * the caller drops those equal to the expected value or an earlier entry.
 */
final class CostMistakes {

    private CostMistakes() {
    }

    /** Every id {@link #of} may give for {@code measure}, in catalogue order. */
    static List<String> ids(Measure measure) {
        return measure == Measure.PARAMS ? List.of("biases_forgotten", "biases_counted", "table_ignored")
                : List.of("flops_reported_as_macs", "macs_reported_as_flops", "cross_channel_additions_forgotten",
                        "relu_counted", "relu_not_counted", "pooling_not_counted", "bias_not_counted", "bias_counted",
                        "output_size_rule_wrong");
    }

    static List<Mistake> of(CostQuestion q) {
        List<Mistake> out = new ArrayList<>();
        if (q.measure() == Measure.PARAMS) {
            params(q, out);
        } else {
            operations(q, out);
        }
        return out;
    }

    private static void params(CostQuestion q, List<Mistake> out) {
        if (q.weightsOnly()) {
            add(out, "biases_counted", () -> q.withWeightsOnly(false).value(),
                    "the biases are counted too, though only the weights are asked for");
        } else {
            add(out, "biases_forgotten", () -> q.withWeightsOnly(true).value(),
                    "the biases are left out (only the weights are counted)");
        }
        for (int i : q.layers()) {
            if (q.layer(i) instanceof TableConv2d t) {
                add(out, "table_ignored", () -> q.withNet(Variants.tablesIgnored(q.net())).value(),
                        "the connection table is ignored: every output map of layer " + i + " is connected to all "
                                + t.in() + " input maps");
                break;
            }
        }
    }

    private static void operations(CostQuestion q, List<Mistake> out) {
        Convention c = q.convention();
        boolean perMac = q.measure() == Measure.MACS || c == Convention.macs || c == Convention.macs_with_bias;
        if (perMac) {
            add(out, "flops_reported_as_macs", () -> q.withConvention(Convention.flops).value(),
                    "FLOPs (two per multiply-accumulate) are reported where one count per multiply-accumulate"
                            + " is asked");
        } else {
            add(out, "macs_reported_as_flops", () -> q.withConvention(Convention.macs).value(),
                    "MACs (one per multiply-accumulate) are reported instead of operations (a multiplication and"
                            + " an addition each)");
        }
        boolean exact = q.measure() == Measure.FLOPS && (c == Convention.mul_add || c == Convention.mul_add_no_bias);
        if (exact) {
            add(out, "cross_channel_additions_forgotten", () -> q.value() - crossChannelAdditions(q),
                    "the additions that sum the per-channel results are forgotten: C_in*(kh*kw-1) additions per"
                            + " output value instead of C_in*kh*kw-1");
            List<Integer> relus = between(q, Relu.class);
            if (!relus.isEmpty()) {
                add(out, "relu_counted", () -> q.withLayers(union(q.layers(), relus)).value(),
                        (relus.size() == 1 ? "the ReLU of layer " + relus.get(0) + " is" : "the ReLUs of layers "
                                + CostQuestion.join(relus) + " are") + " counted too (one comparison per value)");
            }
            List<Integer> counted = q.layers().stream().filter(i -> q.layer(i) instanceof Relu).toList();
            if (!counted.isEmpty() && counted.size() < q.layers().size()) {
                add(out, "relu_not_counted", () -> q.withLayers(minus(q.layers(), counted)).value(),
                        "the ReLU comparisons (one per value) are not counted");
            }
        }
        List<Integer> pools = q.layers().stream().filter(i -> pooling(q.layer(i))).toList();
        if (q.measure() == Measure.FLOPS && !pools.isEmpty() && pools.size() < q.layers().size()) {
            add(out, "pooling_not_counted", () -> q.withLayers(minus(q.layers(), pools)).value(),
                    "the pooling layers are not counted");
        }
        Convention without = withoutBias(c);
        if (q.measure() == Measure.FLOPS && without != c) {
            add(out, "bias_not_counted", () -> q.withConvention(without).value(), "the bias additions are not"
                    + " counted");
        }
        boolean biases = q.layers().stream().map(q::layer).anyMatch(l -> Variants.weighted(l) && hasBias(l));
        Convention with = withBias(c);
        add(out, "bias_counted", () -> q.withNet(Variants.withBiases(q.net())).withConvention(with).value(),
                "a bias addition is counted for every output value of the conv/linear layers"
                        + (biases ? ", which the " + c + " convention leaves out" : ", though they have no bias"));
        out.addAll(sizeRules(q, ""));
    }

    /**
     * {@code output_size_rule_wrong}: the count with every {@link SizeMistake} carried through the network.
     * The kind also asks this under each accepted convention, since a student may count correctly by an
     * accepted convention and still get the sizes wrong.
     *
     * @param suffix appended to each explanation, e.g. {@code , counted under the accepted convention macs}
     */
    static List<Mistake> sizeRules(CostQuestion q, String suffix) {
        List<Mistake> out = new ArrayList<>();
        for (SizeMistake rule : SizeMistake.values()) {
            try {
                long value = q.withRule(rule).value();
                int n = q.counted().layers().size();
                String wrong = ShapeQuestion.sizes(Trace.of(q.counted(), q.input(), rule, n));
                String right = ShapeQuestion.sizes(Trace.of(q.counted(), q.input(), OutputSize.PYTORCH, n));
                out.add(Mistake.of("output_size_rule_wrong", Value.of(value), "the output sizes are computed as "
                        + rule.rule() + " (" + rule.id() + ") and carried through the network (spatial sizes "
                        + wrong + " instead of " + right + ")" + suffix));
            } catch (RefException e) {
                // The wrong sizes do not fit a later layer (e.g. a linear layer's inputs): not this mistake.
            }
        }
        return out;
    }

    /** Additions that sum the C_in per-channel partial results: C_in/groups - 1 per conv output value. */
    private static long crossChannelAdditions(CostQuestion q) {
        NetworkCost cost = q.cost();
        long missing = 0;
        for (int i : q.layers()) {
            LayerCost l = cost.layers().get(i - 1);
            if (q.layer(i) instanceof Conv2d conv) {
                missing += l.output().numel() * (conv.in() / conv.groups() - 1);
            } else if (q.layer(i) instanceof TableConv2d t) {
                long plane = l.output().numel() / t.out();
                missing += plane * (t.connections() - t.out());
            }
        }
        return missing;
    }

    /** Layers of {@code type} between the first and last counted layer that are not counted. */
    private static List<Integer> between(CostQuestion q, Class<? extends LayerSpec> type) {
        List<Integer> out = new ArrayList<>();
        int first = q.layers().get(0);
        int last = q.layers().get(q.layers().size() - 1);
        for (int i = first; i <= last; i++) {
            if (type.isInstance(q.layer(i)) && !q.layers().contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private static boolean pooling(LayerSpec layer) {
        return layer instanceof LayerSpec.MaxPool2d || layer instanceof LayerSpec.AvgPool2d
                || layer instanceof LayerSpec.AdaptiveAvgPool2d || layer instanceof LayerSpec.Subsampling2d;
    }

    private static boolean hasBias(LayerSpec layer) {
        return layer instanceof Conv2d c ? c.bias() : layer instanceof TableConv2d t ? t.bias()
                : layer instanceof LayerSpec.Linear l && l.bias();
    }

    private static Convention withoutBias(Convention c) {
        return switch (c) {
            case macs_with_bias -> Convention.macs;
            case flops_with_bias -> Convention.flops;
            case mul_add -> Convention.mul_add_no_bias;
            default -> c;
        };
    }

    private static Convention withBias(Convention c) {
        return switch (c) {
            case macs -> Convention.macs_with_bias;
            case flops -> Convention.flops_with_bias;
            case mul_add_no_bias -> Convention.mul_add;
            default -> c;
        };
    }

    private static List<Integer> union(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<Integer> minus(List<Integer> a, List<Integer> b) {
        return a.stream().filter(i -> !b.contains(i)).toList();
    }

    private static void add(List<Mistake> out, String name, LongSupplier value, String explanation) {
        try {
            out.add(Mistake.of(name, Value.of(value.getAsLong()), explanation));
        } catch (RefException e) {
            // The reference cannot count the network with this mistake applied; leave it out.
        }
    }
}
