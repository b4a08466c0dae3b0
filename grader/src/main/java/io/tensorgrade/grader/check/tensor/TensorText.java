package io.tensorgrade.grader.check.tensor;

import io.tensorgrade.ref.tensor.Tensor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Tensors and positions in them as shown to students: {@code [[109, 92], [110, 85]]}, {@code row 1, column 2}. */
final class TensorText {
    /** Larger tensors are described by their shape only. */
    static final int MAX_SHOWN = 100;

    private TensorText() {
    }

    /** Nested lists, or {@code a 10x10 tensor} when there are more than {@link #MAX_SHOWN} values. */
    static String format(Tensor t) {
        if (t.size() > MAX_SHOWN) {
            return "a " + shape(t) + " tensor";
        }
        StringBuilder sb = new StringBuilder();
        append(sb, t.shape(), 0, 0, t.rawData());
        return sb.toString();
    }

    /** {@code 3x3}, {@code 2x1x2x2}, {@code a single number} for 0-d. */
    static String shape(Tensor t) {
        return shape(t.shape());
    }

    static String shape(int[] dims) {
        return dims.length == 0 ? "a single number"
                : Arrays.stream(dims).mapToObj(String::valueOf).collect(Collectors.joining("x"));
    }

    /** {@code row 1, column 2} for a matrix, {@code entry 3} for a vector, {@code [0, 1, 2]} otherwise. */
    static String position(int[] index) {
        if (index.length == 2) {
            return "row " + (index[0] + 1) + ", column " + (index[1] + 1);
        }
        if (index.length == 1) {
            return "entry " + (index[0] + 1);
        }
        return "index " + Arrays.toString(index) + " (counting from 0)";
    }

    /** Whole numbers without decimals, others with up to 6 significant digits. */
    static String number(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        BigDecimal d = new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros();
        double mag = Math.abs(x);
        return mag >= 1e-4 && mag < 1e15 ? d.toPlainString() : d.toString();
    }

    private static int append(StringBuilder sb, int[] shape, int depth, int offset, double[] data) {
        if (depth == shape.length) {
            sb.append(number(data[offset]));
            return offset + 1;
        }
        sb.append('[');
        for (int i = 0; i < shape[depth]; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            offset = append(sb, shape, depth + 1, offset, data);
        }
        sb.append(']');
        return offset;
    }
}
