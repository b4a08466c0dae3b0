package io.tensorgrade.grader.check.tensor;

import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.AnswerParser;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a tensor written as nested lists: a YAML list ({@code [[109, 92], [110, 85]]}, block style too), or
 * the same as text, also as NumPy or PyTorch print it ({@code tensor([[109., 92.], [110., 85.]])},
 * {@code [[109 92] [110 85]]}), as an assignment ({@code W = [0.299, 0.587, 0.114]}) or in LaTeX
 * ({@code $W = [0.299, 0.587, 0.114]$}, a {@code bmatrix}). Entries may be {@code 1/4}, {@code -1e-3},
 * {@code nan} or {@code inf}. A single number is a 0-d tensor. Ragged or mixed lists are refused with the
 * position at fault.
 */
public final class TensorAnswer {

    /** What to write, for answer templates and messages. */
    public static final String FORM = "a nested list of numbers, one inner list per row, e.g. [[1, 2], [3, 4]]";

    private static final int MAX_VALUES = 100_000;
    private static final int MAX_RANK = 8;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern FRACTION = Pattern.compile("([+-]?\\d+(?:\\.\\d*)?)\\s*/\\s*(\\d+(?:\\.\\d*)?)");
    private static final Pattern WRAPPER = Pattern.compile("^(?:torch\\.|np\\.|numpy\\.)?(?:tensor|array)\\s*\\(");

    private TensorAnswer() {
    }

    /**
     * The tensor {@code node} holds.
     *
     * @throws AnswerFormatException naming the row or position at fault
     */
    public static Tensor parse(YamlNode node) {
        Object tree;
        if (node instanceof YamlList) {
            tree = fromYaml(node);
        } else if (node instanceof YamlScalar s && !s.isNull() && s.type() != YamlScalar.Type.BOOLEAN) {
            String text = AnswerParser.listText(s.text());
            tree = text.startsWith("[") || text.startsWith("(") || WRAPPER.matcher(text).find()
                    ? new TextReader(text).read() : number(text, "the answer");
        } else {
            throw new AnswerFormatException("Expected " + FORM + ", found " + node.describe() + ".");
        }
        return toTensor(tree);
    }

    /** {@code t} without its leading dimensions of size 1 ({@code [1, 1, 3, 3]} becomes {@code [3, 3]}). */
    public static Tensor squeezeLeading(Tensor t) {
        int[] shape = t.shape();
        int drop = 0;
        while (drop < shape.length && shape[drop] == 1) {
            drop++;
        }
        return drop == 0 ? t : t.reshape(Arrays.copyOfRange(shape, drop, shape.length));
    }

    private static Object fromYaml(YamlNode node) {
        if (node instanceof YamlList list) {
            List<Object> out = new ArrayList<>(list.size());
            for (YamlNode item : list.items()) {
                out.add(fromYaml(item));
            }
            return out;
        }
        if (node instanceof YamlScalar s && !s.isNull() && s.type() != YamlScalar.Type.BOOLEAN) {
            return number(s.text(), "'" + s.text() + "'");
        }
        throw new AnswerFormatException("The answer contains " + node.describe() + " where a number belongs; expected "
                + FORM + ".");
    }

    /** One entry: a decimal, a fraction, nan or inf (with Unicode minus signs too). */
    static Double number(String raw, String what) {
        String t = raw.strip().replace('−', '-').replace('–', '-');
        String lower = t.toLowerCase(java.util.Locale.ROOT).replace(".", "");
        switch (lower) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
            }
        }
        if (NUMBER.matcher(t).matches()) {
            return Double.parseDouble(t);
        }
        var f = FRACTION.matcher(t);
        if (f.matches()) {
            return Double.parseDouble(f.group(1)) / Double.parseDouble(f.group(2));
        }
        String shown = t.length() > 40 ? t.substring(0, 37) + "..." : t;
        throw new AnswerFormatException((what.startsWith("'") ? what : "'" + shown + "'") + " is not a number;"
                + " expected " + FORM + ".");
    }

    /** Checks that every level is a list of equal-length lists (or of numbers) and flattens it. */
    private static Tensor toTensor(Object tree) {
        if (tree instanceof Double d) {
            return Tensor.scalar(d);
        }
        List<Integer> shape = new ArrayList<>();
        Object level = tree;
        while (level instanceof List<?> l) {
            if (l.isEmpty()) {
                throw new AnswerFormatException("The answer " + (shape.isEmpty() ? "is an empty list" : "has an empty"
                        + " list inside") + "; expected " + FORM + ".");
            }
            shape.add(l.size());
            level = l.get(0);
        }
        if (shape.size() > MAX_RANK) {
            throw new AnswerFormatException("The answer is nested " + shape.size() + " levels deep; at most "
                    + MAX_RANK + " are read.");
        }
        long size = shape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
        if (size > MAX_VALUES) {
            throw new AnswerFormatException("The answer has " + size + " values; at most " + MAX_VALUES + " are read.");
        }
        double[] data = new double[(int) size];
        int[] at = {0};
        flatten(tree, shape, 0, new ArrayList<>(), data, at);
        return Tensor.wrap(data, shape.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void flatten(Object node, List<Integer> shape, int depth, List<Integer> path, double[] data,
                                int[] at) {
        if (depth == shape.size()) {
            if (!(node instanceof Double d)) {
                throw new AnswerFormatException("The answer is ragged: " + where(path, shape.size())
                        + " is a list but the first entry at that depth is a number; expected " + FORM + ".");
            }
            data[at[0]++] = d;
            return;
        }
        if (!(node instanceof List<?> list)) {
            throw new AnswerFormatException("The answer is ragged: " + where(path, shape.size())
                    + " is a number but the first entry at that depth is a list; expected " + FORM + ".");
        }
        if (list.size() != shape.get(depth)) {
            throw new AnswerFormatException("The answer is ragged: " + where(path, shape.size()) + " has "
                    + list.size() + (list.size() == 1 ? " entry" : " entries") + " but " + where(zeros(depth), shape.size()) + " has " + shape.get(depth)
                    + "; every " + (shape.size() == 2 && depth == 1 ? "row" : "list at the same depth")
                    + " needs the same length.");
        }
        for (int i = 0; i < list.size(); i++) {
            path.add(i);
            flatten(list.get(i), shape, depth + 1, path, data, at);
            path.remove(path.size() - 1);
        }
    }

    private static List<Integer> zeros(int n) {
        return new ArrayList<>(java.util.Collections.nCopies(n, 0));
    }

    /** {@code row 2} in a matrix, {@code item [2][1]} (from 1) deeper, {@code the answer} at the top. */
    private static String where(List<Integer> path, int rank) {
        if (path.isEmpty()) {
            return "the answer";
        }
        if (path.size() == 1 && rank == 2) {
            return "row " + (path.get(0) + 1);
        }
        StringBuilder sb = new StringBuilder("item ");
        path.forEach(i -> sb.append('[').append(i + 1).append(']'));
        return sb.toString();
    }

    /** Nested lists written as text: brackets or parentheses, entries separated by commas or spaces. */
    private static final class TextReader {
        private final String text;
        private int pos;

        TextReader(String text) {
            this.text = text;
        }

        Object read() {
            var m = WRAPPER.matcher(text);
            boolean wrapped = m.find();
            if (wrapped) {
                // tensor([[...]], dtype=torch.float64) or array([...]): read the first argument only.
                pos = m.end();
            }
            skipSpace();
            if (pos >= text.length() || (text.charAt(pos) != '[' && text.charAt(pos) != '(')) {
                throw error("expected '[' at column " + (pos + 1));
            }
            Object tree = list(0);
            skipSpace();
            if (pos < text.length() && !(wrapped && (text.charAt(pos) == ')' || text.charAt(pos) == ','))) {
                throw error("unexpected '" + text.charAt(pos) + "' at column " + (pos + 1) + " after the list");
            }
            return tree;
        }

        private List<Object> list(int depth) {
            if (depth > MAX_RANK) {
                throw error("nested more than " + MAX_RANK + " levels deep");
            }
            char open = text.charAt(pos++);
            char close = open == '[' ? ']' : ')';
            List<Object> items = new ArrayList<>();
            while (true) {
                skipSeparators();
                if (pos >= text.length()) {
                    throw error("'" + open + "' is never closed");
                }
                char c = text.charAt(pos);
                if (c == close) {
                    pos++;
                    return items;
                }
                if (c == '[' || c == '(') {
                    items.add(list(depth + 1));
                } else if (c == ']' || c == ')') {
                    throw error("mismatched '" + c + "' at column " + (pos + 1));
                } else {
                    int start = pos;
                    while (pos < text.length() && ",[]() \t\n".indexOf(text.charAt(pos)) < 0) {
                        pos++;
                    }
                    items.add(number(text.substring(start, pos), "'" + text.substring(start, pos) + "'"));
                }
                if (items.size() > MAX_VALUES) {
                    throw error("more than " + MAX_VALUES + " values");
                }
            }
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private void skipSeparators() {
            while (pos < text.length() && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ',')) {
                pos++;
            }
        }

        private AnswerFormatException error(String what) {
            String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
            return new AnswerFormatException("Could not read '" + shown + "' as a nested list: " + what + "; expected "
                    + FORM + ".");
        }
    }
}
