package io.tensorgrade.grader.check.expr;

import java.util.Objects;

/**
 * A formula in an expression check's catalogue: an accepted alternative (credit in (0, 1]) or a known
 * mistake (credit in [0, 1)).
 *
 * @param name        identifier shown in feedback and results, e.g. {@code ceil_instead_of_floor}
 * @param formula     the formula, parsed over the check's domain
 * @param credit      fraction of the points it earns
 * @param explanation for a mistake, completes "which is what you get when ..."; for an alternative, why it
 *                    is accepted (may be empty)
 */
record NamedFormula(String name, Expression formula, double credit, String explanation) {

    NamedFormula {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(formula, "formula");
        if (!(credit >= 0 && credit <= 1)) {
            throw new IllegalArgumentException("formula '" + name + "': credit=" + credit + " must be in [0, 1]");
        }
        explanation = explanation == null ? "" : explanation.strip();
    }
}
