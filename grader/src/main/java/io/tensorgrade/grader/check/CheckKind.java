package io.tensorgrade.grader.check;

import java.util.Set;

/**
 * A kind of check ({@code integer}, {@code shape}, {@code conv_output_shape}, ...): validates a
 * part's own keys and builds its {@link Check}. To add a kind, implement this interface and add
 * one line to {@link CheckKinds#standard()}.
 */
public interface CheckKind {

    /** The name used in rubrics ({@code check: integer}). */
    String name();

    /** One line on what the kind checks, for documentation and {@code rubric explain}. */
    String description();

    /**
     * The kind's own keys, besides the common ones (id, title, points, check, visibility, tags,
     * description, partial_credit). Include {@code tolerance} if the kind reads it. Any other key
     * in the part is reported as unknown before {@link #create} is called.
     */
    Set<String> keys();

    /**
     * The ids of every mistake this kind can name by itself (its built-in catalogue), whatever the part;
     * the rubric's {@code mistake_credit} may give these credit. Empty for kinds without built-ins.
     */
    default java.util.List<String> builtInMistakes() {
        return java.util.List.of();
    }

    /**
     * Reads the part's config and builds the check. Bad values are reported through
     * {@code config} (never thrown); the check returned after a problem is discarded.
     */
    Check create(ConfigReader config);
}
