package io.tensorgrade.ref.net;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.shape.OutputSize;
import io.tensorgrade.ref.shape.SizeRule;
import java.util.ArrayList;
import java.util.List;

/** A named sequence of layers, applied in order (like {@code nn.Sequential}). Layers are numbered from 1. */
public record NetworkSpec(String name, List<LayerSpec> layers) {

    public NetworkSpec {
        if (name == null || name.isBlank()) {
            throw new RefException("network: name must not be blank");
        }
        if (layers == null || layers.isEmpty()) {
            throw new RefException("network " + name + ": has no layers");
        }
        layers = List.copyOf(layers);
    }

    /**
     * The output shape of every layer, in order, for one sample of shape {@code input}. Fails at the
     * first layer that does not fit, e.g. {@code alexnet: layer 17 (linear 9216->4096): got 4608 input features}.
     */
    public List<ActivationShape> outputShapes(ActivationShape input) {
        return outputShapes(input, OutputSize.PYTORCH);
    }

    /**
     * The output shape of every layer when convolutions and pools size their outputs by {@code rule},
     * so that a wrong rule is carried forward through the network as a student would carry it.
     */
    public List<ActivationShape> outputShapes(ActivationShape input, SizeRule rule) {
        List<ActivationShape> shapes = new ArrayList<>(layers.size());
        ActivationShape current = input;
        for (int i = 0; i < layers.size(); i++) {
            try {
                current = layers.get(i).outputShape(current, rule);
            } catch (RefException e) {
                throw new RefException(name + ": " + label(i + 1) + ": " + e.getMessage(), e);
            }
            shapes.add(current);
        }
        return List.copyOf(shapes);
    }

    /** The shape of the network's output for {@code input}. */
    public ActivationShape outputShape(ActivationShape input) {
        List<ActivationShape> shapes = outputShapes(input);
        return shapes.get(shapes.size() - 1);
    }

    /** Total trainable parameters; independent of the input shape. */
    public long params() {
        return layers.stream().mapToLong(LayerSpec::params).sum();
    }

    /** The 1-based layer {@code number}, e.g. {@code layer 17 (linear 9216->4096)}. */
    public String label(int number) {
        if (number < 1 || number > layers.size()) {
            throw new RefException("network " + name + ": layer number " + number + " is outside 1.." + layers.size());
        }
        return "layer " + number + " (" + layers.get(number - 1).describe() + ")";
    }
}
