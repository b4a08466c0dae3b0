package io.tensorgrade.grader.batch.store;

import io.tensorgrade.grader.result.Visibility;
import io.tensorgrade.grader.rubric.LatePolicy;
import io.tensorgrade.grader.rubric.Rubric;
import java.util.List;
import java.util.Objects;

/**
 * What a run's outputs need of the rubric, kept in the store so that {@code regrade report} needs no rubric:
 * the parts in order with their points, and the late policy.
 *
 * @param late null when the rubric has no due date
 */
public record RubricSnapshot(String assignment, String title, String rubricFile, List<PartInfo> parts,
                             LatePolicy late) {

    /** One part as the outputs show it. */
    public record PartInfo(String id, String title, double points, Visibility visibility, List<String> tags) {
        public PartInfo {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(visibility, "visibility");
            tags = List.copyOf(tags);
        }
    }

    public RubricSnapshot {
        Objects.requireNonNull(assignment, "assignment");
        parts = List.copyOf(parts);
    }

    /** The snapshot of {@code rubric}. */
    public static RubricSnapshot of(Rubric rubric) {
        return new RubricSnapshot(rubric.assignment(), rubric.title(), rubric.file().toString(),
                rubric.parts().stream().map(p -> new PartInfo(p.id(), p.title(), p.points(), p.visibility(),
                        p.tags())).toList(), rubric.latePolicy());
    }

    /** The points of every part. */
    public double totalPoints() {
        return parts.stream().mapToDouble(PartInfo::points).sum();
    }
}
