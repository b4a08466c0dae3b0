package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;

/**
 * Hyper-parameters of {@code torch.nn.functional.conv2d} (zero padding only).
 *
 * @param stride   positive step of the window
 * @param padding  non-negative zero padding added on both sides
 * @param dilation positive spacing between kernel elements
 * @param groups   positive number of channel groups
 */
public record Conv2dParams(Pair stride, Pair padding, Pair dilation, int groups) {

    public Conv2dParams {
        Windows.requirePositive(stride, "conv2d", "stride");
        Windows.requireNonNegative(padding, "conv2d", "padding");
        Windows.requirePositive(dilation, "conv2d", "dilation");
        if (groups <= 0) {
            throw new RefException("conv2d: groups=" + groups + " must be positive");
        }
    }

    /** PyTorch's defaults: stride 1, padding 0, dilation 1, groups 1. */
    public static Conv2dParams defaults() {
        return new Conv2dParams(Pair.of(1), Pair.of(0), Pair.of(1), 1);
    }

    /** Square stride, padding and dilation. */
    public static Conv2dParams of(int stride, int padding, int dilation, int groups) {
        return new Conv2dParams(Pair.of(stride), Pair.of(padding), Pair.of(dilation), groups);
    }
}
