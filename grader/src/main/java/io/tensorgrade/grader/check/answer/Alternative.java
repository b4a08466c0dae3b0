package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.check.Value;
import java.util.Objects;

/**
 * An accepted alternative answer with its own credit, e.g. FLOPs counted as {@code 2*MACs}
 * for full credit, or the output size without the batch dimension for half.
 *
 * @param name        short name shown in feedback, e.g. {@code flops = 2 * MACs}
 * @param credit      fraction of the points, in (0, 1]
 * @param explanation optional sentence on why it is accepted (empty when none)
 */
public record Alternative(String name, Value value, double credit, String explanation) {

    public Alternative {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!(credit > 0 && credit <= 1)) {
            throw new IllegalArgumentException("alternative '" + name + "': credit=" + credit + " must be in (0, 1]");
        }
        explanation = explanation == null ? "" : explanation.strip();
    }
}
