package io.tensorgrade.grader.rubric;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated rubric: the assignment and its parts, in file order. Built by {@link RubricLoader}.
 *
 * @param latePolicy its {@code due:} and {@code late_policy:}, null when it has no due date
 */
public record Rubric(Path file, String assignment, String title, String description, List<Part> parts,
                     LatePolicy latePolicy) {

    /** A rubric without a due date. */
    public Rubric(Path file, String assignment, String title, String description, List<Part> parts) {
        this(file, assignment, title, description, parts, null);
    }

    public Rubric {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(assignment, "assignment");
        title = title == null || title.isBlank() ? assignment : title;
        description = description == null ? "" : description;
        parts = List.copyOf(parts);
    }

    /** The sum of the parts' points. */
    public double totalPoints() {
        return parts.stream().mapToDouble(Part::points).sum();
    }

    /** The late policy, when the rubric has a due date. */
    public Optional<LatePolicy> late() {
        return Optional.ofNullable(latePolicy);
    }

    public Optional<Part> part(String id) {
        return parts.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public List<String> partIds() {
        return parts.stream().map(Part::id).toList();
    }

    /** The folder of the rubric file, against which file names in the rubric are resolved. */
    public Path dir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }
}
