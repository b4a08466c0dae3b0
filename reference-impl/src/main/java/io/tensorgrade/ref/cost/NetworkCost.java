package io.tensorgrade.ref.cost;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.shape.OutputSize;
import io.tensorgrade.ref.shape.SizeRule;
import java.util.ArrayList;
import java.util.List;

/** Parameters, MACs and operations under one {@link Convention} for a network and input, per layer and total. */
public record NetworkCost(String network, Convention convention, ActivationShape input, List<LayerCost> layers) {

    public NetworkCost {
        if (network == null || convention == null || input == null || layers == null || layers.isEmpty()) {
            throw new RefException("network cost: network, convention, input and layers are required");
        }
        layers = List.copyOf(layers);
    }

    /** Counts {@code net} for one sample of shape {@code input}; fails like {@link NetworkSpec#outputShapes}. */
    public static NetworkCost of(NetworkSpec net, ActivationShape input, Convention convention) {
        return of(net, input, convention, OutputSize.PYTORCH);
    }

    /**
     * Counts {@code net} with layer shapes sized by {@code rule} instead of PyTorch's, e.g. to reproduce
     * an answer computed with a wrong output-size formula carried through the network.
     */
    public static NetworkCost of(NetworkSpec net, ActivationShape input, Convention convention, SizeRule rule) {
        List<ActivationShape> shapes = net.outputShapes(input, rule);
        List<LayerCost> costs = new ArrayList<>(shapes.size());
        ActivationShape in = input;
        for (int i = 0; i < shapes.size(); i++) {
            costs.add(LayerCounter.count(i + 1, net.layers().get(i), in, shapes.get(i), convention));
            in = shapes.get(i);
        }
        return new NetworkCost(net.name(), convention, input, costs);
    }

    /** Total trainable parameters. */
    public long params() {
        return layers.stream().mapToLong(LayerCost::params).sum();
    }

    /** Total multiply-accumulates of conv/linear layers (the {@link Convention#macs} count). */
    public long macs() {
        return layers.stream().mapToLong(LayerCost::macs).sum();
    }

    /** Total operations under {@link #convention()}. */
    public long flops() {
        return layers.stream().mapToLong(LayerCost::flops).sum();
    }

    /** The network's output shape. */
    public ActivationShape output() {
        return layers.get(layers.size() - 1).output();
    }
}
