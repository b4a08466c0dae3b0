package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;

/** Gradients of a linear layer w.r.t. x, weight and bias (null when the layer has no bias). */
public record LinearGrads(Tensor gradX, Tensor gradWeight, Tensor gradBias) {
    public LinearGrads {
        if (gradX == null || gradWeight == null) {
            throw new RefException("LinearGrads: gradX and gradWeight must not be null");
        }
    }
}
