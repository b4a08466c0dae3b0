package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Tensor;

/**
 * Gradients of a convolution with respect to its input, weight and bias.
 *
 * @param gradX      same shape as the input
 * @param gradWeight same shape as the weight
 * @param gradBias   shape {@code [out_channels]}, or null when the convolution has no bias
 */
public record ConvGrads(Tensor gradX, Tensor gradWeight, Tensor gradBias) {

    public ConvGrads {
        if (gradX == null || gradWeight == null) {
            throw new RefException("conv2d: gradX and gradWeight must not be null");
        }
    }
}
