package io.tensorgrade.ref.shape;

import io.tensorgrade.ref.RefException;

/**
 * The output size along one spatial dimension and how it was derived, e.g.
 * {@code floor((14 + 2*1 - 4) / 2) + 1 = 7}. {@code dilation} is 1 for avg_pool2d and
 * {@code ceilMode} false for conv2d.
 */
public record DimSize(int input, int kernel, int stride, int padding, int dilation, boolean ceilMode,
                      int output, String derivation) {

    public DimSize {
        if (output < 1) {
            throw new RefException("output size must be at least 1, got " + output);
        }
        if (derivation == null || derivation.isBlank()) {
            throw new RefException("derivation must not be blank");
        }
    }
}
