package io.tensorgrade.grader.check;

import java.util.Objects;

/**
 * One answer a check recognises besides the expected one, as {@code rubric explain} lists it: an accepted
 * alternative or a known mistake, whatever the kind stores it as (a value, a formula, a tensor, a change
 * to the student's kernel).
 *
 * @param accepted    true for an accepted alternative, false for a mistake
 * @param name        the name, e.g. {@code padding_ignored}; a mistake's name is reported in results
 * @param value       the answer as text ({@code [12, 6, 6]}, a formula, a tensor); empty when the entry is a
 *                    change to the student's answer rather than one value (conv_kernel's built-ins)
 * @param credit      fraction of the points it earns, in [0, 1]
 * @param explanation for a mistake, completes "what you get when ..."; for an alternative, why it counts
 */
public record CatalogueEntry(boolean accepted, String name, String value, double credit, String explanation) {

    public CatalogueEntry {
        Objects.requireNonNull(name, "name");
        value = value == null ? "" : value.strip();
        explanation = explanation == null ? "" : explanation.strip();
        if (!(credit >= 0 && credit <= 1)) {
            throw new IllegalArgumentException("catalogue entry '" + name + "': credit=" + credit
                    + " must be in [0, 1]");
        }
    }

    /** An accepted alternative. */
    public static CatalogueEntry accepted(String name, String value, double credit, String explanation) {
        return new CatalogueEntry(true, name, value, credit, explanation);
    }

    /** A known mistake. */
    public static CatalogueEntry mistake(String name, String value, double credit, String explanation) {
        return new CatalogueEntry(false, name, value, credit, explanation);
    }

    /** This entry with another credit (a built-in mistake given credit by {@code mistake_credit}). */
    public CatalogueEntry withCredit(double newCredit) {
        return new CatalogueEntry(accepted, name, value, newCredit, explanation);
    }
}
