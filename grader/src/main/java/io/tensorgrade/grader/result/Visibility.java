package io.tensorgrade.grader.result;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** When students see a part's result, with Gradescope's names and meanings. */
public enum Visibility {
    /** Never shown to students. */
    HIDDEN,
    /** Shown after the due date. */
    AFTER_DUE_DATE,
    /** Shown after grades are published. */
    AFTER_PUBLISHED,
    /** Shown at once; the only parts {@code tensorgrade check} runs. */
    VISIBLE;

    /** The name in rubrics and in Gradescope's results.json, e.g. {@code after_due_date}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The visibility called {@code name} in a rubric. */
    public static Optional<Visibility> fromYaml(String name) {
        return Arrays.stream(values()).filter(v -> v.yamlName().equals(name)).findFirst();
    }

    /** All rubric names, for error messages. */
    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(Visibility::yamlName).toList();
    }
}
