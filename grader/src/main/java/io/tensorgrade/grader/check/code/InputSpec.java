package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.sandbox.InputTensor;
import io.tensorgrade.grader.sandbox.InputType;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How one input of a {@code function} part is generated: a shape, and either uniform floats in
 * [{@code low}, {@code high}), uniform integers in [{@code low}, {@code high}] (stored as float64, so a max
 * pool sees ties), or class indices 0..{@code classes}-1 sent as int64; then multiplied by {@code scale}.
 *
 * @param shape    the tensor's shape
 * @param low      lower bound
 * @param high     upper bound (exclusive for floats, inclusive for integers)
 * @param integers whole numbers only
 * @param classes  class count for class indices, or 0
 * @param scale    factor applied to every value (e.g. 1000 for logits that overflow a naive softmax)
 */
record InputSpec(int[] shape, double low, double high, boolean integers, int classes, double scale) {

    /** The keys of the mapping form; anything else is a rubric error naming {@code inputs.NAME.KEY}. */
    static final List<String> KEYS = List.of("shape", "low", "high", "integers", "classes", "scale");
    private static final int MAX_ELEMENTS = 1_000_000;

    InputSpec {
        shape = shape.clone();
        if (classes < 0) {
            throw new IllegalArgumentException("InputSpec: classes=" + classes + " must be >= 0");
        }
        if (!(low < high) && !(integers && low == high)) {
            throw new IllegalArgumentException("InputSpec: low=" + low + " must be below high=" + high);
        }
    }

    /** Uniform floats in [-1, 1): what a bare shape means. */
    static InputSpec uniform(int[] shape) {
        return new InputSpec(shape, -1, 1, false, 0, 1);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** What the student's function receives. */
    InputType type() {
        return classes > 0 ? InputType.INT64 : InputType.FLOAT64;
    }

    /** The next tensor of this spec from {@code random}. */
    Tensor generate(SplittableRandom random) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            double v;
            if (classes > 0) {
                v = random.nextInt(classes);
            } else if (integers) {
                v = random.nextLong((long) low, (long) high + 1);
            } else {
                v = random.nextDouble(low, high);
            }
            data[i] = v * scale;
        }
        return Tensor.wrap(data, shape.clone());
    }

    /** The tensor for the sandbox, with the element type the student sees. */
    InputTensor forSandbox(Tensor t) {
        return new InputTensor(t, type());
    }

    /** A short description for feedback: {@code [2, 3] integers in [-2, 2]}. */
    String describe() {
        String s = Arrays.toString(shape);
        if (classes > 0) {
            return s + " class indices 0.." + (classes - 1);
        }
        String range = integers ? "integers in [" + num(low) + ", " + num(high) + "]"
                : "in [" + num(low) + ", " + num(high) + ")";
        return s + (low == -1 && high == 1 && !integers ? "" : " " + range) + (scale == 1 ? "" : " x" + num(scale));
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Reads the spec of input {@code name} (a shape or a mapping) from {@code map}, the {@code inputs}
     * mapping read by {@code inputs}, so problems name {@code inputs.x.classes} or
     * {@code cases[2].inputs.x.classes}. Null after a problem.
     */
    static InputSpec read(ConfigReader inputs, YamlMap map, String name) {
        String field = name;
        YamlNode node = map.get(name);
        if (node instanceof YamlList) {
            int[] shape = shape(node);
            if (shape == null) {
                inputs.errorAt(node, field, "expected a shape such as [2, 3, 8, 8] (at most "
                        + MAX_ELEMENTS + " elements), found " + node.describe());
                return null;
            }
            return uniform(shape);
        }
        if (!(node instanceof YamlMap m)) {
            inputs.errorAt(node, field, "expected a shape such as [2, 3, 8, 8] or a mapping such as {shape: [4, 10],"
                    + " classes: 10}, found " + node.describe());
            return null;
        }
        ConfigReader r = inputs.map(name, KEYS).orElseThrow();
        int[] shape = m.has("shape") ? shape(m.get("shape")) : null;
        if (shape == null) {
            r.error("shape", m.has("shape") ? "expected a shape such as [2, 3, 8, 8] (at most " + MAX_ELEMENTS
                    + " elements), found " + m.get("shape").describe() : "missing required field 'shape'");
        }
        boolean integers = r.bool("integers", false);
        int classes = (int) r.integer("classes", 0);
        double scale = r.number("scale", 1);
        if (classes < 0 || classes > 1_000_000) {
            r.error("classes", "expected a class count between 1 and 1000000, found " + classes);
        }
        if (classes > 0 && (integers || m.has("low") || m.has("high"))) {
            r.error("classes", "class indices are 0.." + (classes - 1) + "; leave out low, high and integers");
        }
        if (!(scale != 0 && Double.isFinite(scale) && Math.abs(scale) <= 1e12)) {
            r.error("scale", "expected a finite non-zero factor, found " + scale);
        }
        if (classes > 0 && m.has("scale")) {
            r.error("scale", "class indices cannot be scaled");
        }
        double low = r.number("low", integers ? -2 : -1);
        double high = r.number("high", integers ? 2 : 1);
        if (integers && (low != Math.rint(low) || high != Math.rint(high) || Math.abs(low) > 1e9
                || Math.abs(high) > 1e9)) {
            r.error("low", "integer inputs need whole-number bounds up to 1e9, found low=" + low + ", high=" + high);
        } else if (!(Double.isFinite(low) && Double.isFinite(high)) || (integers ? low > high : low >= high)) {
            r.error("high", "expected high above low, found low=" + low + ", high=" + high);
        }
        if (shape == null || !inputs.ok()) {
            return null;
        }
        return new InputSpec(shape, low, high, integers, classes, scale);
    }

    /** A shape of 1 to 6 positive dims and at most a million elements, or null. */
    static int[] shape(YamlNode node) {
        if (!(node instanceof YamlList list) || list.size() == 0 || list.size() > 6) {
            return null;
        }
        int[] shape = new int[list.size()];
        long total = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(list.get(i) instanceof YamlScalar s) || !s.text().matches("[1-9][0-9]{0,5}")) {
                return null;
            }
            shape[i] = Integer.parseInt(s.text());
            total *= shape[i];
        }
        return total <= MAX_ELEMENTS ? shape : null;
    }
}
