package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.check.AnswerParser;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code check: shape}: a shape answer compared with the rubric's {@code expected} shape.
 * {@code layout} names the expected dimensions (default CHW for 3, NCHW for 4, HW for 2) and
 * {@code order} says which orders count: {@code exact} (default; other orders are the named
 * mistake {@code wrong_order}), {@code any}, or a list of layouts such as {@code [CHW, HWC]}.
 */
public final class ShapeKind implements CheckKind {

    static final String WRONG_ORDER = "wrong_order";

    @Override
    public String name() {
        return "shape";
    }

    @Override
    public String description() {
        return "a shape answer ([12, 7, 7], 7x7x12, ...) compared with 'expected', with an 'order' rule";
    }

    @Override
    public List<String> builtInMistakes() {
        return BUILT_IN_MISTAKES;
    }

    /** The ids of the built-in readings every shape kind has ({@link ShapeReadings}, then wrong_order). */
    public static final List<String> BUILT_IN_MISTAKES = List.of(ShapeReadings.SPATIAL_SIZE_ONLY,
            ShapeReadings.ELEMENT_COUNT, WRONG_ORDER);

    /** The keys every shape kind reads in {@link #answerCheck}. */
    public static final Set<String> ANSWER_KEYS = Set.of("accept", "mistakes", "order", "layout",
            ShapeReadings.TOTAL_SIZE);

    @Override
    public Set<String> keys() {
        Set<String> keys = new java.util.HashSet<>(ANSWER_KEYS);
        keys.addAll(Set.of("expected", "derivation"));
        return Set.copyOf(keys);
    }

    @Override
    public Check create(ConfigReader config) {
        Value.Shape expected = config.value("expected", AnswerParser::shape);
        if (expected == null) {
            expected = Value.shape(1);
        }
        return answerCheck(config, expected, config.string("derivation", ""), List.of(), List.of());
    }

    /**
     * The check of a shape answer whose expected value is given (read from the rubric or computed by
     * a reference-backed kind): reads {@code layout}, {@code order}, {@code accept} and {@code mistakes}
     * from {@code config} as {@code check: shape} does. The rubric's entries come first; a
     * {@code builtIn} mistake whose value is already taken (the expected value, an accepted order, any
     * other order of the right sizes, an earlier entry) is dropped, as is a {@code builtInAccepted} answer
     * whose value the rubric's entries already take, and the reorderings allowed by
     * {@code order} of every built-in are named like it. The {@link ShapeReadings} (H x W alone, the number of
     * values; {@code total_size}) follow the given built-ins. Every other order of the expected sizes is the
     * mistake {@code wrong_order} (or accepted, with {@code order: any}).
     */
    public static AnswerCheck answerCheck(ConfigReader config, Value.Shape expected, String derivation,
                                          List<Alternative> builtInAccepted, List<Mistake> builtIn) {
        String layout = layout(config, expected);
        Orders orders = orders(config, layout);
        ShapeReadings.Readings readings = ShapeReadings.of(expected, layout,
                config.bool(ShapeReadings.TOTAL_SIZE, false));
        List<Alternative> acceptedBuiltIns = new ArrayList<>(builtInAccepted);
        acceptedBuiltIns.addAll(readings.accepted());
        List<Mistake> mistakeBuiltIns = new ArrayList<>(builtIn);
        mistakeBuiltIns.addAll(readings.mistakes());
        List<Alternative> accepted = new ArrayList<>(ValueCatalogue.accepted(config, AnswerParser::shape));
        List<Mistake> mistakes = new ArrayList<>(ValueCatalogue.mistakes(config, AnswerParser::shape));
        ValueCatalogue.checkOverlaps(config, new AnswerMatcher(expected, Tolerance.EXACT, accepted, mistakes));
        Set<Value> taken = new LinkedHashSet<>(List.of(expected));
        accepted.forEach(a -> taken.add(a.value()));
        mistakes.forEach(m -> taken.add(m.value()));
        acceptedBuiltIns.stream().filter(a -> taken.add(a.value())).forEach(accepted::add);
        for (String order : orders.layouts()) {
            Value.Shape v = permute(expected, layout, order);
            if (taken.add(v)) {
                accepted.add(new Alternative(order + " order", v, 1.0, ""));
            }
        }
        // The other orders of the right sizes are taken before the built-ins (a built-in never names
        // them), but listed after them.
        List<Value.Shape> reordered = new ArrayList<>();
        List<Value.Shape> rightSizes = new ArrayList<>(List.of(expected));
        acceptedBuiltIns.stream().filter(a -> ((Value.Shape) a.value()).rank() > 1)
                .forEach(a -> rightSizes.add((Value.Shape) a.value()));
        for (Value.Shape right : rightSizes) {
            for (List<Integer> p : permutations(right.dims())) {
                Value.Shape v = new Value.Shape(p);
                if (taken.add(v)) {
                    reordered.add(v);
                }
            }
        }
        for (Mistake m : mistakeBuiltIns) {
            for (Value.Shape v : reorderings((Value.Shape) m.value(), layout, orders)) {
                if (taken.add(v)) {
                    mistakes.add(new Mistake(m.name(), v, m.explanation(), m.credit()));
                }
            }
        }
        String orderText = layout.isEmpty() ? "" : " (order " + String.join(", ", layout.split("")) + ")";
        for (Value.Shape v : reordered) {
            if (orders.any()) {
                accepted.add(new Alternative("the same sizes in another order", v, 1.0, ""));
            } else {
                mistakes.add(Mistake.of(WRONG_ORDER, v, "the right sizes are written in the wrong order;"
                        + " the expected order is " + expected.display() + orderText));
            }
        }
        AnswerMatcher matcher = new AnswerMatcher(expected, Tolerance.EXACT, accepted, mistakes);
        String form = AnswerParser.SHAPE_FORM + (orders.any() ? ", in any order"
                : layout.isEmpty() ? ""
                : ", in " + String.join(" or ", orders.all(layout)) + " order");
        return new AnswerCheck(matcher, AnswerParser::shape, new Expected(expected.display() + orderText, derivation),
                form);
    }

    /** {@code shape} itself, then its other orders that count: the listed layouts, or all with {@code any}. */
    private static List<Value.Shape> reorderings(Value.Shape shape, String layout, Orders orders) {
        List<Value.Shape> out = new ArrayList<>(List.of(shape));
        if (orders.any()) {
            permutations(shape.dims()).forEach(p -> out.add(new Value.Shape(p)));
        } else if (shape.rank() == layout.length()) {
            orders.layouts().forEach(order -> out.add(permute(shape, layout, order)));
        }
        return out;
    }

    /** The orders accepted besides the layout itself, or any order at all. */
    private record Orders(boolean any, List<String> layouts) {
        List<String> all(String layout) {
            List<String> out = new ArrayList<>(List.of(layout));
            layouts.stream().filter(o -> !out.contains(o)).forEach(out::add);
            return out;
        }
    }

    private static String layout(ConfigReader config, Value.Shape expected) {
        String dflt = switch (expected.rank()) {
            case 2 -> "HW";
            case 3 -> "CHW";
            case 4 -> "NCHW";
            default -> "";
        };
        String layout = config.string("layout", dflt);
        if (!layout.isEmpty() && (layout.length() != expected.rank()
                || layout.chars().distinct().count() != layout.length())) {
            config.error("layout", "'" + layout + "' must name each of the " + expected.rank()
                    + " dimensions of " + expected.display() + " with a distinct letter, e.g. CHW");
            return "";
        }
        return layout;
    }

    private static Orders orders(ConfigReader config, String layout) {
        YamlNode node = config.node("order");
        if (node == null) {
            return new Orders(false, List.of());
        }
        List<String> given = config.strings("order");
        if (!(node instanceof YamlList) && given.size() == 1 && List.of("exact", "any").contains(given.get(0))) {
            return new Orders(given.get(0).equals("any"), List.of());
        }
        List<String> out = new ArrayList<>();
        for (String order : given) {
            if (layout.isEmpty() || !isPermutation(order, layout)) {
                config.error("order", "unknown order '" + order + "'; allowed: exact, any, or a list of"
                        + (layout.isEmpty() ? " layouts (set 'layout' first)"
                        : " reorderings of the layout " + layout + ", e.g. [" + layout + ", "
                                + new StringBuilder(layout).reverse() + "]"));
            } else if (!order.equals(layout)) {
                out.add(order);
            }
        }
        return new Orders(false, out);
    }

    private static boolean isPermutation(String order, String layout) {
        return order.length() == layout.length() && order.chars().sorted().boxed().toList()
                .equals(layout.chars().sorted().boxed().toList());
    }

    private static Value.Shape permute(Value.Shape shape, String layout, String order) {
        List<Integer> dims = new ArrayList<>();
        for (char c : order.toCharArray()) {
            dims.add(shape.dims().get(layout.indexOf(c)));
        }
        return new Value.Shape(dims);
    }

    /** All orderings of {@code dims} (at most 16 sizes are read, but only ranks up to 6 are enumerated). */
    static List<List<Integer>> permutations(List<Integer> dims) {
        List<List<Integer>> out = new ArrayList<>();
        if (dims.size() > 6) {
            return out;
        }
        permute(new ArrayList<>(dims), 0, out);
        return out;
    }

    private static void permute(List<Integer> a, int k, List<List<Integer>> out) {
        if (k == a.size()) {
            out.add(List.copyOf(a));
            return;
        }
        for (int i = k; i < a.size(); i++) {
            java.util.Collections.swap(a, k, i);
            permute(a, k + 1, out);
            java.util.Collections.swap(a, k, i);
        }
    }
}
