package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;

/** Output-size rules and argument checks shared by convolution and pooling, as in PyTorch 1.13. */
final class Windows {
    private Windows() {
    }

    /**
     * PyTorch's {@code pooling_output_shape}: floor (or ceil) of
     * {@code (in + 2*pad - dilation*(k-1) - 1) / stride} plus one; in ceil mode the last window
     * is dropped when it would start at or after the end of the input plus the left padding.
     * Convolution uses the same rule without ceil mode.
     */
    static int outputSize(int in, int k, int pad, int stride, int dilation, boolean ceilMode) {
        long span = (long) in + 2L * pad - (long) dilation * (k - 1) - 1 + (ceilMode ? stride - 1 : 0);
        long out = Math.floorDiv(span, stride) + 1;
        if (ceilMode && (out - 1) * stride >= (long) in + pad) {
            out--;
        }
        // Clamped so absurd arguments fail with a size message instead of overflowing.
        return (int) Math.max(Integer.MIN_VALUE, Math.min(out, Integer.MAX_VALUE));
    }

    /** Effective (dilated) extent of a kernel: {@code dilation*(k-1) + 1}. */
    static long effective(int k, int dilation) {
        return (long) dilation * (k - 1) + 1;
    }

    static Pair requireNonNull(Pair p, String op, String name) {
        if (p == null) {
            throw new RefException(op + ": " + name + " must not be null");
        }
        return p;
    }

    static void requirePositive(Pair p, String op, String name) {
        requireNonNull(p, op, name);
        if (p.h() <= 0 || p.w() <= 0) {
            throw new RefException(op + ": " + name + "=" + p + " must be positive");
        }
    }

    static void requireNonNegative(Pair p, String op, String name) {
        requireNonNull(p, op, name);
        if (p.h() < 0 || p.w() < 0) {
            throw new RefException(op + ": " + name + "=" + p + " must be non-negative");
        }
    }

    /** PyTorch's pooling rule: padding at most half the (undilated) kernel size, per dimension. */
    static void requireHalfKernelPadding(Pair padding, Pair kernel, String op) {
        if (padding.h() > kernel.h() / 2 || padding.w() > kernel.w() / 2) {
            throw new RefException(op + ": padding=" + padding + " must be at most half of kernel_size=" + kernel);
        }
    }

    /**
     * Fails with {@code op: kernel KxK (dilated) is larger than the padded input HxW} when an
     * output dimension is empty; {@code dilated} says whether the op has a dilation.
     */
    static void requireOutput(int outH, int outW, long effH, long effW, int padH, int padW, ImageInput in, String op,
            boolean dilated) {
        if (outH < 1 || outW < 1) {
            throw new RefException(op + ": kernel " + effH + "x" + effW + (dilated ? " (dilated)" : "")
                    + " is larger than the padded input "
                    + ((long) in.h() + 2L * padH) + "x" + ((long) in.w() + 2L * padW) + " (output size would be "
                    + outH + "x" + outW + ")");
        }
    }

    /** First output index {@code o >= 0} with {@code o*stride + offset >= 0}. */
    static int firstValid(long offset, int stride, int out) {
        return (int) Math.min(out, Math.max(0, -Math.floorDiv(offset, stride)));
    }

    /** One past the last output index {@code o < out} with {@code o*stride + offset < in}. */
    static int endValid(long offset, int stride, int in, int out) {
        return (int) Math.min(out, Math.max(0, Math.floorDiv((long) in - 1 - offset, stride) + 1));
    }
}
