package io.tensorgrade.grader.check;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A value an answer can have: an integer, a real number or a shape (a list of sizes). */
public sealed interface Value permits Value.Int, Value.Real, Value.Shape {

    /** The value as shown to students: {@code 564,564}, {@code 0.7310586}, {@code [12, 7, 7]}. */
    String display();

    static Int of(long value) {
        return new Int(value);
    }

    static Real of(double value) {
        return new Real(value);
    }

    static Shape shape(int... dims) {
        return new Shape(Arrays.stream(dims).boxed().toList());
    }

    /** An integer such as a parameter or FLOP count. */
    record Int(long value) implements Value {
        @Override
        public String display() {
            return String.format(Locale.ROOT, "%,d", value);
        }
    }

    /** A real number, compared with a tolerance. */
    record Real(double value) implements Value {
        public Real {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("value=" + value + " must be finite");
            }
        }

        @Override
        public String display() {
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return String.format(Locale.ROOT, "%,d", (long) value);
            }
            BigDecimal d = new BigDecimal(value).round(new MathContext(8)).stripTrailingZeros();
            int exponent = d.precision() - d.scale() - 1;
            return exponent >= -5 && exponent < 15 ? d.toPlainString() : d.toString();
        }
    }

    /** A tensor shape, e.g. {@code [12, 7, 7]}. */
    record Shape(List<Integer> dims) implements Value {
        public Shape {
            dims = List.copyOf(dims);
            for (int d : dims) {
                if (d < 0) {
                    throw new IllegalArgumentException("shape " + dims + ": sizes must be >= 0");
                }
            }
        }

        public int rank() {
            return dims.size();
        }

        @Override
        public String display() {
            return dims.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
        }
    }
}
