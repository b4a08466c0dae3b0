package io.tensorgrade.ref.ops;

/**
 * Hyper-parameters of {@code torch.nn.functional.max_pool2d}. A null {@code stride} means the
 * kernel size, as PyTorch's {@code stride=None}.
 *
 * @param kernelSize positive window size
 * @param stride     positive step, or null for {@code kernelSize}
 * @param padding    implicit negative-infinity padding on both sides, at most half the kernel size
 * @param dilation   positive spacing between window elements
 * @param ceilMode   use ceil instead of floor for the output size
 */
public record MaxPool2dParams(Pair kernelSize, Pair stride, Pair padding, Pair dilation, boolean ceilMode) {

    public MaxPool2dParams {
        Windows.requirePositive(kernelSize, "max_pool2d", "kernel_size");
        stride = stride == null ? kernelSize : stride;
        Windows.requirePositive(stride, "max_pool2d", "stride");
        Windows.requireNonNegative(padding, "max_pool2d", "padding");
        Windows.requirePositive(dilation, "max_pool2d", "dilation");
        Windows.requireHalfKernelPadding(padding, kernelSize, "max_pool2d");
    }

    /** Square kernel and stride, no padding, no dilation, floor mode. */
    public static MaxPool2dParams of(int kernelSize, int stride) {
        return new MaxPool2dParams(Pair.of(kernelSize), Pair.of(stride), Pair.of(0), Pair.of(1), false);
    }
}
