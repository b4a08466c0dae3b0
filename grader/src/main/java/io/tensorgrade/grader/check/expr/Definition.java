package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;

/**
 * A derived variable, e.g. {@code z1 = sigma(x*w1)}: formulas may use {@code z1} and it takes the value of
 * its formula at each point, so a gradient written in terms of activations can be checked.
 */
public record Definition(String name, Expression formula) {
    public Definition {
        if (name == null || name.isEmpty() || formula == null) {
            throw new GraderException("definition: name and formula are both required, got " + name + " = "
                    + formula);
        }
        if (formula.isCondition()) {
            throw new GraderException("definition of " + name + ": '" + formula + "' is a condition, not a formula");
        }
    }
}
