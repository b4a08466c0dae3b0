package io.tensorgrade.grader.rubric;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A validated rubric: the assignment and its parts, in file order. Built by {@link RubricLoader}. */
public record Rubric(Path file, String assignment, String title, String description, List<Part> parts) {

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
