package io.tensorgrade.grader.check.network;

import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.check.answer.Mistake;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.shape.OutputSize;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * "What is the output shape of layer {@code layer}?" for a network and an input (a single conv or pool
 * is a one-layer network): the expected shape with its derivation, and the built-in mistakes, each
 * computed by re-running the reference with the mistake applied.
 */
record ShapeQuestion(NetworkSpec net, ActivationShape input, int layer) {

    /** The reference's layers up to the asked one; a {@link RefException} when the network does not fit. */
    List<Trace.Step> steps() {
        return Trace.of(net, input, OutputSize.PYTORCH, layer);
    }

    Value.Shape expected() {
        return shape(steps().get(layer - 1).output());
    }

    /** For a single layer, one line per dimension (C, H, W); for a network, one line per layer. */
    String derivation() {
        List<Trace.Step> steps = steps();
        if (net.layers().size() == 1 && steps.get(0).spatial()) {
            Trace.Step step = steps.get(0);
            String channels = step.layer() instanceof LayerSpec.Conv2d conv ? "out_channels = " + conv.out()
                    : "unchanged = " + step.output().dims().get(0);
            return "C: " + channels + "\nH: " + step.sizes().get(0).derivation() + "\nW: "
                    + step.sizes().get(1).derivation();
        }
        return steps.stream().map(Trace.Step::describe).collect(Collectors.joining("\n"));
    }

    /**
     * The built-in mistakes in catalogue order: every {@link SizeMistake} applied to each conv and pool
     * up to the asked layer (the recomputation carries it forward), then {@code input_channels_kept}. Mistakes
     * that cannot be computed (a size below 1) are left out; ones equal to the expected value are dropped by the
     * caller, which adds the readings of every shape kind (H x W alone: {@code spatial_size_only}).
     */
    List<Mistake> mistakes() {
        List<Trace.Step> right = steps();
        List<Mistake> out = new ArrayList<>();
        for (SizeMistake rule : SizeMistake.values()) {
            List<Trace.Step> wrong;
            try {
                wrong = Trace.of(net, input, rule, layer);
            } catch (RefException e) {
                continue;
            }
            if (wrong.get(layer - 1).output().equals(right.get(layer - 1).output())) {
                continue;
            }
            out.add(Mistake.of(rule.id(), shape(wrong.get(layer - 1).output()), explain(rule, right, wrong)));
        }
        ActivationShape answer = right.get(layer - 1).output();
        if (answer.isImage()) {
            for (int i = layer - 1; i >= 0; i--) {
                Trace.Step step = right.get(i);
                if (step.layer() instanceof LayerSpec.Conv2d || step.layer() instanceof LayerSpec.TableConv2d) {
                    int in = step.input().dims().get(0);
                    out.add(Mistake.of("input_channels_kept", Value.shape(in, answer.dims().get(1),
                            answer.dims().get(2)), "the " + in + " input channels are kept instead of the "
                            + step.output().dims().get(0) + " output channels (one per filter)"));
                    break;
                }
            }
        }
        return out;
    }

    private String explain(SizeMistake rule, List<Trace.Step> right, List<Trace.Step> wrong) {
        if (net.layers().size() == 1) {
            Trace.Step step = wrong.get(0);
            String h = step.sizes().get(0).derivation();
            String w = step.sizes().get(1).derivation();
            return rule.explanation() + ": " + (h.equals(w) ? h : "H: " + h + "; W: " + w);
        }
        return rule.explanation() + " in every convolution and pooling layer, carried forward (spatial sizes "
                + sizes(wrong) + " instead of " + sizes(right) + ")";
    }

    /** The spatial output sizes of the convs and pools, e.g. {@code 57, 28, 32}. */
    static String sizes(List<Trace.Step> steps) {
        return steps.stream().filter(Trace.Step::spatial).map(Trace.Step::size).collect(Collectors.joining(", "));
    }

    static Value.Shape shape(ActivationShape shape) {
        return new Value.Shape(shape.dims());
    }
}
