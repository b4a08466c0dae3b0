package io.tensorgrade.grader.check.tensor;

import io.tensorgrade.ref.tensor.Tensor;
import java.util.Arrays;

/**
 * How a kernel written with fewer than four dimensions maps to conv2d's weight {@code [out, in/groups, kh,
 * kw]}: the missing dimensions are channel counts of 1, placed where the convolution needs them. With
 * {@code I} input channels per group:
 * <ul>
 *   <li>4-D: as written;</li>
 *   <li>3-D {@code [a, kh, kw]}: {@code [a, 1, kh, kw]} when I = 1 (one 2-D kernel per output channel,
 *       e.g. two finite-difference stencils), else {@code [1, a, kh, kw]} when a = I (one output channel);</li>
 *   <li>2-D {@code [kh, kw]}: {@code [1, 1, kh, kw]} when I = 1;</li>
 *   <li>1-D {@code [n]}: a 1x1 kernel, {@code [n, 1, 1, 1]} when I = 1, else {@code [1, n, 1, 1]} when
 *       n = I (grayscale from RGB: {@code [0.299, 0.587, 0.114]} is {@code [1, 3, 1, 1]}).</li>
 * </ul>
 * A rubric's {@code weight_shape} overrides this for answers with the same number of values.
 */
final class KernelShape {
    private KernelShape() {
    }

    /**
     * The 4-D weight, or null when the written shape cannot be completed.
     *
     * @param inPerGroup the number of input channels per group
     * @param declared   the rubric's {@code weight_shape}, or null
     */
    static Tensor complete(Tensor kernel, int inPerGroup, int[] declared) {
        int[] s = kernel.shape();
        if (kernel.rank() == 4) {
            return kernel;
        }
        if (declared != null && kernel.size() == Arrays.stream(declared).reduce(1, (a, b) -> a * b)) {
            return kernel.reshape(declared);
        }
        return switch (kernel.rank()) {
            case 3 -> inPerGroup == 1 ? kernel.reshape(s[0], 1, s[1], s[2])
                    : s[0] == inPerGroup ? kernel.reshape(1, s[0], s[1], s[2]) : null;
            case 2 -> inPerGroup == 1 ? kernel.reshape(1, 1, s[0], s[1]) : null;
            case 1 -> inPerGroup == 1 ? kernel.reshape(s[0], 1, 1, 1)
                    : s[0] == inPerGroup ? kernel.reshape(1, s[0], 1, 1) : null;
            default -> null;
        };
    }

    /** What a 4-D weight must look like here, for messages: {@code [2, 1, kh, kw]}. */
    static String needed(Integer out, int inPerGroup) {
        return "[" + (out == null ? "out" : String.valueOf(out)) + ", " + inPerGroup + ", kh, kw]";
    }
}
