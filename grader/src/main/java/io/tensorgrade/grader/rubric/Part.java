package io.tensorgrade.grader.rubric;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.result.Visibility;
import io.tensorgrade.grader.yaml.YamlMap;
import java.util.List;
import java.util.Objects;

/**
 * One validated rubric part with its ready-to-run check.
 *
 * @param kind          the check kind's name ({@code integer}, {@code conv_output_shape}, ...)
 * @param partialCredit false for all-or-nothing parts: anything below full credit scores zero
 * @param line          the line of the part in the rubric file
 * @param entry         the part's rubric entry as written (what a regrade compares to tell a changed part)
 */
public record Part(String id, String title, double points, String kind, Visibility visibility, List<String> tags,
                   String description, boolean partialCredit, int line, Check check, YamlMap entry) {

    public Part {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(entry, "entry");
        title = title == null || title.isBlank() ? id : title;
        description = description == null ? "" : description;
        tags = List.copyOf(tags);
        if (!(points >= 0) || Double.isInfinite(points)) {
            throw new IllegalArgumentException("part " + id + ": points=" + points + " must be finite and >= 0");
        }
    }
}
