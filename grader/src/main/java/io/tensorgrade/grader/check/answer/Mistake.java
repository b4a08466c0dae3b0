package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.check.Value;
import java.util.Objects;

/**
 * A known mistake and the value it produces, so feedback can name it.
 *
 * @param name        identifier, e.g. {@code no_channel_adds}; reported in results
 * @param value       the answer this mistake gives
 * @param explanation completes "which is what you get when ...", e.g. {@code the padding is ignored}
 * @param credit      fraction of the points still given, in [0, 1)
 */
public record Mistake(String name, Value value, String explanation, double credit) {

    public Mistake {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!(credit >= 0 && credit < 1)) {
            throw new IllegalArgumentException("mistake '" + name + "': credit=" + credit + " must be in [0, 1)");
        }
        explanation = explanation == null || explanation.isBlank()
                ? "you make the mistake '" + name + "'" : explanation.strip();
    }

    /** A mistake that earns nothing. */
    public static Mistake of(String name, Value value, String explanation) {
        return new Mistake(name, value, explanation, 0);
    }
}
