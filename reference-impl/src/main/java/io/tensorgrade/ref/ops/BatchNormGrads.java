package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;

/** Gradients of a batch norm: w.r.t. x, gamma (null when gamma was null, i.e. {@code affine=False}) and beta. */
public record BatchNormGrads(Tensor gradX, Tensor gradGamma, Tensor gradBeta) {
    public BatchNormGrads {
        if (gradX == null || gradBeta == null) {
            throw new RefException("BatchNormGrads: gradX and gradBeta must not be null");
        }
    }
}
