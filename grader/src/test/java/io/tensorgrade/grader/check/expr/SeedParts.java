package io.tensorgrade.grader.check.expr;

/**
 * Seed 000's Q2 parts as rubrics/cnn-sizes-flops.yaml declares them (without their mistakes), and answers
 * written as YAML text.
 */
final class SeedParts {
    static final String DOMAIN = """
            variables: {x: {real: [-3, 3]}, y2: {real: [0, 1]}, y3: {real: [0, 1]},
                        wx1: {real: [-2, 2]}, w12: {real: [-2, 2]}, w13: {real: [-2, 2]}}
            define: {z1: "sigma(x*wx1)", z2: "sigma(z1*w12)", z3: "sigma(z1*w13)"}
            functions: {h: sigma}
            """;
    static final String W12 = "reference: \"2*(z2 - y2)*z2*(1 - z2)*z1\"\n" + DOMAIN;
    static final String W13 = "reference: \"2*(z3 - y3)*z3*(1 - z3)*z1\"\n" + DOMAIN;
    static final String WX1 = "reference: \"(2*(z2 - y2)*z2*(1 - z2)*w12 + 2*(z3 - y3)*z3*(1 - z3)*w13)*z1*(1 - z1)*x\"\n"
            + DOMAIN;
    /** The parts as the rubric has them: graded per data point. */
    static final String PER_POINT = "sum_index: i\n";
    /** What every derivative verdict ends with: the variables the formula may use. */
    static final String CARRY_THROUGH = " Carry the chain rule through until the formula uses only x, y2, y3, wx1, w12"
            + " and w13 (and z1, z2 and z3), with no derivative left in it.";

    private SeedParts() {
    }

    /** {@code text} as a single-quoted YAML scalar, so that backslashes stay as written. */
    static String yaml(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
