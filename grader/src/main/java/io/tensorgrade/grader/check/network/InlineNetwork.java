package io.tensorgrade.grader.check.network;

import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.NetworkSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * A network read from a rubric part ({@code network:} and {@code input:}), already checked to fit
 * its input when there is one.
 *
 * @param input the shape of one sample; null when the part gives none and the network is not a zoo
 *              network with a default (allowed only where shapes do not matter, e.g. parameter counts)
 */
public record InlineNetwork(NetworkSpec spec, ActivationShape input) {

    public InlineNetwork {
        Objects.requireNonNull(spec, "spec");
    }

    /** The input shape, when known. */
    public Optional<ActivationShape> knownInput() {
        return Optional.ofNullable(input);
    }

    /** Number of layers; layers are numbered from 1. */
    public int size() {
        return spec.layers().size();
    }
}
