package io.tensorgrade.grader.check.tensor;

import io.tensorgrade.ref.tensor.Tensor;
import java.util.Objects;

/**
 * A tensor an answer may equal besides the expected one: an accepted alternative (credit in (0, 1]) or a
 * known mistake (credit in [0, 1)), computed by the reference.
 *
 * @param explanation for a mistake, completes "which is what you get when ..."; for an alternative, why it
 *                    is accepted (may be empty)
 */
record Candidate(String name, Tensor value, double credit, String explanation) {

    Candidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!(credit >= 0 && credit <= 1)) {
            throw new IllegalArgumentException("'" + name + "': credit=" + credit + " must be in [0, 1]");
        }
        explanation = explanation == null || explanation.isBlank() ? "" : explanation.strip();
    }
}
