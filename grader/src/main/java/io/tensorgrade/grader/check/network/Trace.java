package io.tensorgrade.grader.check.network;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.shape.DimSize;
import io.tensorgrade.ref.shape.SizeRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The shapes through a network, layer by layer, with the derivation of every spatial size: the
 * reference sizes each convolution and pool through a {@link SizeRule}, and a recording rule keeps
 * what it computed.
 */
final class Trace {

    /** One layer: its input and output shapes and the sizes (height, width) it derived, if any. */
    record Step(int number, LayerSpec layer, ActivationShape input, ActivationShape output, List<DimSize> sizes) {
        Step {
            sizes = List.copyOf(sizes);
        }

        boolean spatial() {
            return !sizes.isEmpty();
        }

        /** {@code layer 1 (conv2d 30->12 k=4 s=2 p=1 no bias): 30x14x14 -> 12x7x7; H, W: floor(...) + 1 = 7}. */
        String describe() {
            String text = "layer " + number + " (" + layer.describe() + "): " + input + " -> " + output;
            if (sizes.size() == 2) {
                String h = sizes.get(0).derivation();
                String w = sizes.get(1).derivation();
                text += h.equals(w) ? "; H, W: " + h : "; H: " + h + "; W: " + w;
            }
            return text;
        }

        /** The spatial output size, {@code 7} or {@code 7x5}. */
        String size() {
            int h = output.dims().get(1);
            int w = output.dims().get(2);
            return h == w ? Integer.toString(h) : h + "x" + w;
        }
    }

    private Trace() {
    }

    /**
     * The first {@code upTo} layers of {@code net} on {@code input}, sized by {@code rule}; a
     * {@link RefException} naming the layer when one does not fit.
     */
    static List<Step> of(NetworkSpec net, ActivationShape input, SizeRule rule, int upTo) {
        List<Step> steps = new ArrayList<>();
        ActivationShape current = input;
        for (int i = 0; i < upTo; i++) {
            LayerSpec layer = net.layers().get(i);
            Recorder recorder = new Recorder(rule);
            ActivationShape out;
            try {
                out = layer.outputShape(current, recorder);
            } catch (RefException e) {
                throw new RefException(net.name() + ": " + net.label(i + 1) + ": " + e.getMessage(), e);
            }
            steps.add(new Step(i + 1, layer, current, out, recorder.sizes));
            current = out;
        }
        return List.copyOf(steps);
    }

    /** Passes every size on to {@code rule} and keeps it. Used by one thread for one layer. */
    private static final class Recorder implements SizeRule {
        private final SizeRule rule;
        private final List<DimSize> sizes = new ArrayList<>();

        Recorder(SizeRule rule) {
            this.rule = rule;
        }

        @Override
        public DimSize conv(String op, int input, int kernel, int stride, int padding, int dilation) {
            DimSize size = rule.conv(op, input, kernel, stride, padding, dilation);
            sizes.add(size);
            return size;
        }

        @Override
        public DimSize pool(String op, int input, int kernel, int stride, int padding, int dilation,
                            boolean ceilMode) {
            DimSize size = rule.pool(op, input, kernel, stride, padding, dilation, ceilMode);
            sizes.add(size);
            return size;
        }
    }
}
