package io.tensorgrade.ref.ops;

import io.tensorgrade.ref.RefException;
import java.util.Locale;

/** How a loss reduces its per-element values, as PyTorch's {@code reduction} argument. */
public enum Reduction {
    /** The average over all (non-ignored) elements; a 0-d result. */
    MEAN,
    /** The sum over all elements; a 0-d result. */
    SUM,
    /** No reduction: one loss value per element (per sample for cross entropy). */
    NONE;

    /** Parses PyTorch's names {@code "mean"}, {@code "sum"}, {@code "none"} (case and surrounding spaces ignored). */
    public static Reduction parse(String name) {
        if (name == null) {
            throw new RefException("reduction must be one of 'mean', 'sum', 'none', got null");
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "mean" -> MEAN;
            case "sum" -> SUM;
            case "none" -> NONE;
            default -> throw new RefException(
                    "reduction='" + name + "' is not valid; expected 'mean', 'sum' or 'none'");
        };
    }

    /** The name PyTorch uses: {@code "mean"}, {@code "sum"} or {@code "none"}. */
    public String pytorchName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
