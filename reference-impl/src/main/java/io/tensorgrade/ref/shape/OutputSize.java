package io.tensorgrade.ref.shape;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.ops.Pair;

/**
 * Output sizes of conv2d, max_pool2d and avg_pool2d with PyTorch's exact rules, each with its
 * derivation as text.
 *
 * <p>conv2d: {@code out = floor((in + 2*p - d*(k-1) - 1) / s) + 1}, refused when the dilated kernel
 * {@code d*(k-1)+1} is larger than the padded input. Pools: the same with {@code ceil} instead of
 * {@code floor} in ceil mode, where the last window is then dropped if it would start at or past
 * {@code in + p} (it must start inside the input or the left padding); padding may be at most half
 * the kernel and the output must be at least 1. Errors are {@link RefException}s naming the
 * argument and its value.
 */
public final class OutputSize {
    /** PyTorch's rule, as computed by this class; the default of every layer and network. */
    public static final SizeRule PYTORCH = new SizeRule() {
        @Override
        public DimSize conv(String op, int input, int kernel, int stride, int padding, int dilation) {
            return OutputSize.conv(op, input, kernel, stride, padding, dilation);
        }

        @Override
        public DimSize pool(String op, int input, int kernel, int stride, int padding, int dilation,
                            boolean ceilMode) {
            return OutputSize.pool(op, input, kernel, stride, padding, dilation, ceilMode);
        }

        @Override
        public String toString() {
            return "pytorch";
        }
    };

    private OutputSize() {
    }

    /** One dimension of conv2d. */
    public static DimSize conv(int input, int kernel, int stride, int padding, int dilation) {
        return conv("conv2d", input, kernel, stride, padding, dilation);
    }

    /** One dimension of max_pool2d. */
    public static DimSize maxPool(int input, int kernel, int stride, int padding, int dilation, boolean ceilMode) {
        return pool("max_pool2d", input, kernel, stride, padding, dilation, ceilMode);
    }

    /** One dimension of avg_pool2d (which has no dilation). */
    public static DimSize avgPool(int input, int kernel, int stride, int padding, boolean ceilMode) {
        return pool("avg_pool2d", input, kernel, stride, padding, 1, ceilMode);
    }

    /** A whole conv2d layer: C,H,W in, {@code outChannels},H',W' out. */
    public static LayerShape conv2d(Chw input, int outChannels, Pair kernel, Pair stride, Pair padding,
                                    Pair dilation, int groups) {
        return conv2d(input, outChannels, kernel, stride, padding, dilation, groups, PYTORCH);
    }

    /** A whole conv2d layer with spatial sizes computed by {@code rule}. */
    public static LayerShape conv2d(Chw input, int outChannels, Pair kernel, Pair stride, Pair padding,
                                    Pair dilation, int groups, SizeRule rule) {
        if (outChannels < 1) {
            throw new RefException("conv2d: out_channels=" + outChannels + " must be at least 1");
        }
        if (groups < 1) {
            throw new RefException("conv2d: groups=" + groups + " must be at least 1");
        }
        if (input.c() % groups != 0) {
            throw new RefException("conv2d: groups=" + groups + " does not divide in_channels=" + input.c());
        }
        if (outChannels % groups != 0) {
            throw new RefException("conv2d: groups=" + groups + " does not divide out_channels=" + outChannels);
        }
        DimSize h = rule.conv("conv2d (height)", input.h(), kernel.h(), stride.h(), padding.h(), dilation.h());
        DimSize w = rule.conv("conv2d (width)", input.w(), kernel.w(), stride.w(), padding.w(), dilation.w());
        return new LayerShape("conv2d", input, new Chw(outChannels, h.output(), w.output()),
                "out_channels = " + outChannels, h, w);
    }

    /** A whole max_pool2d layer; channels are unchanged. */
    public static LayerShape maxPool2d(Chw input, Pair kernel, Pair stride, Pair padding, Pair dilation,
                                       boolean ceilMode) {
        return maxPool2d(input, kernel, stride, padding, dilation, ceilMode, PYTORCH);
    }

    /** A whole max_pool2d layer with spatial sizes computed by {@code rule}. */
    public static LayerShape maxPool2d(Chw input, Pair kernel, Pair stride, Pair padding, Pair dilation,
                                       boolean ceilMode, SizeRule rule) {
        DimSize h = rule.pool("max_pool2d (height)", input.h(), kernel.h(), stride.h(), padding.h(), dilation.h(),
                ceilMode);
        DimSize w = rule.pool("max_pool2d (width)", input.w(), kernel.w(), stride.w(), padding.w(), dilation.w(),
                ceilMode);
        return new LayerShape("max_pool2d", input, new Chw(input.c(), h.output(), w.output()),
                "unchanged = " + input.c(), h, w);
    }

    /** A whole avg_pool2d layer; channels are unchanged. */
    public static LayerShape avgPool2d(Chw input, Pair kernel, Pair stride, Pair padding, boolean ceilMode) {
        return avgPool2d(input, kernel, stride, padding, ceilMode, PYTORCH);
    }

    /** A whole avg_pool2d layer with spatial sizes computed by {@code rule}. */
    public static LayerShape avgPool2d(Chw input, Pair kernel, Pair stride, Pair padding, boolean ceilMode,
                                       SizeRule rule) {
        DimSize h = rule.pool("avg_pool2d (height)", input.h(), kernel.h(), stride.h(), padding.h(), 1, ceilMode);
        DimSize w = rule.pool("avg_pool2d (width)", input.w(), kernel.w(), stride.w(), padding.w(), 1, ceilMode);
        return new LayerShape("avg_pool2d", input, new Chw(input.c(), h.output(), w.output()),
                "unchanged = " + input.c(), h, w);
    }

    private static DimSize conv(String op, int input, int kernel, int stride, int padding, int dilation) {
        checkArguments(op, input, kernel, stride, padding, dilation);
        long span = (long) dilation * (kernel - 1) + 1;
        long padded = (long) input + 2L * padding;
        if (span > padded) {
            // PyTorch: "Kernel size can't be greater than actual input size".
            throw new RefException(op + ": kernel_size=" + kernel + (dilation == 1 ? "" : " with dilation=" + dilation
                    + " spans " + span + " and") + " is larger than the padded input " + input + " + 2*" + padding
                    + " = " + padded);
        }
        int out = Math.toIntExact(Math.floorDiv(padded - span, stride) + 1);
        String text = "floor((" + numerator(input, kernel, padding, dilation) + ") / " + stride + ") + 1 = " + out;
        return new DimSize(input, kernel, stride, padding, dilation, false, out, text);
    }

    private static DimSize pool(String op, int input, int kernel, int stride, int padding, int dilation,
                                boolean ceilMode) {
        checkArguments(op, input, kernel, stride, padding, dilation);
        if (padding > kernel / 2) {
            throw new RefException(op + ": padding=" + padding + " must be at most half of kernel_size=" + kernel);
        }
        long numerator = (long) input + 2L * padding - (long) dilation * (kernel - 1) - 1;
        String formula = (ceilMode ? "ceil((" : "floor((") + numerator(input, kernel, padding, dilation) + ") / "
                + stride + ") + 1";
        long out = Math.floorDiv(numerator + (ceilMode ? stride - 1 : 0), stride) + 1;
        String text = formula + " = " + out;
        if (ceilMode && (out - 1) * stride >= (long) input + padding) {
            // PyTorch drops a last window that would start in the right padding or beyond.
            text += ", minus 1 = " + (out - 1) + " because the last window would start at (" + out + "-1)*" + stride
                    + " = " + (out - 1) * stride + " >= " + input + " + " + padding
                    + ", past the input and its left padding";
            out--;
        }
        if (out < 1) {
            throw new RefException(op + ": output size " + text + " is less than 1; kernel_size=" + kernel
                    + (dilation == 1 ? "" : " with dilation=" + dilation) + " does not fit the padded input "
                    + input + " + 2*" + padding + " = " + ((long) input + 2L * padding));
        }
        return new DimSize(input, kernel, stride, padding, dilation, ceilMode, Math.toIntExact(out), text);
    }

    private static void checkArguments(String op, int input, int kernel, int stride, int padding, int dilation) {
        if (input < 1) {
            throw new RefException(op + ": input size=" + input + " must be at least 1");
        }
        if (kernel < 1) {
            throw new RefException(op + ": kernel_size=" + kernel + " must be at least 1");
        }
        if (stride < 1) {
            throw new RefException(op + ": stride=" + stride + " must be at least 1");
        }
        if (padding < 0) {
            throw new RefException(op + ": padding=" + padding + " must be at least 0");
        }
        if (dilation < 1) {
            throw new RefException(op + ": dilation=" + dilation + " must be at least 1");
        }
    }

    /** {@code in + 2*p - k}, or {@code in + 2*p - d*(k-1) - 1} when dilated, as PyTorch writes it. */
    private static String numerator(int input, int kernel, int padding, int dilation) {
        String kernelTerm = dilation == 1 ? Integer.toString(kernel) : dilation + "*(" + kernel + "-1) - 1";
        return input + " + 2*" + padding + " - " + kernelTerm;
    }
}
