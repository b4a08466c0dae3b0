package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;

/**
 * Hyper-parameters of {@code torch.nn.functional.avg_pool2d}. A null {@code stride} means the
 * kernel size, as PyTorch's {@code stride=None}.
 *
 * @param kernelSize      positive window size
 * @param stride          positive step, or null for {@code kernelSize}
 * @param padding         zero padding on both sides, at most half the kernel size
 * @param ceilMode        use ceil instead of floor for the output size
 * @param countIncludePad whether padding zeros count in the divisor
 * @param divisorOverride when not null, the divisor of every window (non-zero; PyTorch allows negative)
 */
public record AvgPool2dParams(Pair kernelSize, Pair stride, Pair padding, boolean ceilMode, boolean countIncludePad,
        Integer divisorOverride) {

    public AvgPool2dParams {
        Windows.requirePositive(kernelSize, "avg_pool2d", "kernel_size");
        stride = stride == null ? kernelSize : stride;
        Windows.requirePositive(stride, "avg_pool2d", "stride");
        Windows.requireNonNegative(padding, "avg_pool2d", "padding");
        Windows.requireHalfKernelPadding(padding, kernelSize, "avg_pool2d");
        if (divisorOverride != null && divisorOverride == 0) {
            throw new RefException("avg_pool2d: divisor_override=0 must not be zero");
        }
    }

    /** Square kernel and stride, no padding, floor mode, PyTorch's default divisor. */
    public static AvgPool2dParams of(int kernelSize, int stride) {
        return new AvgPool2dParams(Pair.of(kernelSize), Pair.of(stride), Pair.of(0), false, true, null);
    }
}
