package io.tensorgrade.grader.check.expr;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.shape.DimSize;
import io.tensorgrade.ref.shape.OutputSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code check_against: conv_output_size}: which variable of a formula plays which role in
 * {@link OutputSize#conv} (input, kernel, stride, padding, dilation; a role may also be a constant), the
 * check that the rubric's formula agrees with the reference implementation at every sampled point, and the
 * built-in catalogue of wrong output-size rules written in the rubric's own variables.
 *
 * @param roles role name to a variable name or an integer constant, as text
 */
record ConvOutputSizeRule(Map<String, String> roles) {
    static final List<String> ROLES = List.of("input", "kernel", "stride", "padding", "dilation");
    /** The names {@link #mistakes()} may give, in its order. */
    static final List<String> MISTAKE_IDS = List.of("ceil_instead_of_floor", "floor_missing", "plus_one_forgotten",
            "minus_one_instead_of_plus_one", "padding_ignored", "padding_one_side", "stride_ignored",
            "size_over_stride", "kernel_times_stride", "dilation_ignored");
    static final List<String> REQUIRED = List.of("input", "kernel");
    private static final Map<String, String> DEFAULTS = Map.of("stride", "1", "padding", "0", "dilation", "1");

    ConvOutputSizeRule {
        Map<String, String> all = new LinkedHashMap<>();
        for (String role : ROLES) {
            all.put(role, roles.getOrDefault(role, DEFAULTS.get(role)));
        }
        roles = java.util.Collections.unmodifiableMap(all);
    }

    /**
     * The first sampled point where {@code reference} disagrees with conv2d's output size, or where conv2d
     * refuses the sizes (the kernel is larger than the padded input), as a sentence for the rubric author.
     */
    Optional<String> disagreement(Expression reference, EquivalenceTester tester) {
        for (Map<String, Double> point : tester.points()) {
            int[] v = new int[ROLES.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (int) value(ROLES.get(i), point);
            }
            String at = "at " + ROLES.stream().filter(r -> !isConstant(roles.get(r)))
                    .map(r -> roles.get(r) + "=" + Numbers.format(value(r, point)))
                    .collect(Collectors.joining(", "));
            DimSize size;
            try {
                size = OutputSize.conv(v[0], v[1], v[2], v[3], v[4]);
            } catch (RefException e) {
                return Optional.of(at + " conv2d refuses the sizes (" + e.getMessage() + "); add a constraint that"
                        + " excludes such points, e.g. \"" + roles.get("input") + " + 2*" + roles.get("padding")
                        + " >= " + roles.get("kernel") + "\"");
            }
            double formula = reference.evaluate(point);
            if (!tester.tolerance().accepts(size.output(), formula)) {
                return Optional.of("'" + reference.text() + "' disagrees with conv2d's output size "
                        + "(io.tensorgrade.ref.shape.OutputSize) " + at + ": the formula gives "
                        + Numbers.format(formula) + ", conv2d gives " + size.derivation());
            }
        }
        return Optional.empty();
    }

    /** Wrong output-size rules students write, in this rule's variables; the caller drops duplicates. */
    List<String[]> mistakes() {
        String i = roles.get("input");
        String k = roles.get("kernel");
        String s = roles.get("stride");
        String p = roles.get("padding");
        String d = roles.get("dilation");
        boolean dilated = !d.equals("1");
        String span = dilated ? d + "*(" + k + " - 1) + 1" : k;
        String num = i + " + 2*" + p + " - " + (dilated ? "(" + span + ")" : k);
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"ceil_instead_of_floor", "ceil((" + num + ")/" + s + ") + 1",
                "the division is rounded up (ceil) instead of down (floor)"});
        out.add(new String[] {"floor_missing", "(" + num + ")/" + s + " + 1",
                "the division is not rounded down (the floor is left out)"});
        out.add(new String[] {"plus_one_forgotten", "floor((" + num + ")/" + s + ")", "the +1 is forgotten"});
        out.add(new String[] {"minus_one_instead_of_plus_one", "floor((" + num + ")/" + s + ") - 1",
                "1 is subtracted instead of added"});
        out.add(new String[] {"padding_ignored", "floor((" + i + " - " + (dilated ? "(" + span + ")" : k) + ")/" + s
                + ") + 1", "the padding is left out"});
        out.add(new String[] {"padding_one_side", "floor((" + i + " + " + p + " - " + (dilated ? "(" + span + ")" : k)
                + ")/" + s + ") + 1", "the padding is counted on one side only (P instead of 2P)"});
        out.add(new String[] {"stride_ignored", num + " + 1", "the stride is ignored"});
        out.add(new String[] {"size_over_stride", "(" + i + " + 2*" + p + ")/" + s,
                "the output size is taken as (I + 2P)/S, leaving out the kernel and the +1"});
        out.add(new String[] {"kernel_times_stride", i + " - " + s + "*(" + k + " - 1) + 2*" + p,
                "the kernel's extent K - 1 is multiplied by the stride instead of the distance I + 2P - K being"
                        + " divided by it (right only for stride 1)"});
        if (dilated) {
            out.add(new String[] {"dilation_ignored", "floor((" + i + " + 2*" + p + " - " + k + ")/" + s + ") + 1",
                    "the dilation is ignored"});
        }
        return out;
    }

    private double value(String role, Map<String, Double> point) {
        String r = roles.get(role);
        return isConstant(r) ? Long.parseLong(r) : point.get(r);
    }

    static boolean isConstant(String role) {
        return role.matches("-?\\d+");
    }
}
