package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.batch.store.RosterEntry;
import io.tensorgrade.grader.batch.store.StoredGrade;
import io.tensorgrade.grader.batch.store.StoredPart;
import io.tensorgrade.grader.result.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a regrade must grade: for every submission, the parts whose stored result no longer stands (never
 * graded, files changed, part configuration changed, another grader version, an error last time), or every
 * selected part when forced or asked for by name. Pure: computed from the roster, the store and the hashes.
 *
 * @param work      the submissions to grade, in roster order
 * @param unchanged   how many selected submissions needed nothing
 * @param notSelected how many submissions {@code --students} left out
 */
public record RegradePlan(List<Work> work, int unchanged, int notSelected) {

    /** One submission to grade: the parts to run and why. */
    public record Work(RosterEntry entry, Set<String> parts, String why) {
        public Work {
            parts = Set.copyOf(parts);
        }
    }

    /** What is asked for: every part and submission (empty sets), or those named; force regrades what is selected. */
    public record Selection(Set<String> students, Set<String> parts, boolean force) {
        public Selection {
            students = Set.copyOf(students);
            parts = Set.copyOf(parts);
        }

        /** Whether a part or a student was named: what is named is regraded whatever the store holds. */
        boolean named() {
            return !students.isEmpty() || !parts.isEmpty();
        }
    }

    public RegradePlan {
        work = List.copyOf(work);
    }

    /** The plan for {@code roster} given the stored grades, the parts' hashes (in rubric order) and the version. */
    public static RegradePlan of(List<RosterEntry> roster, Map<String, StoredGrade> stored,
                                 Map<String, String> partHashes, String version, Selection selection) {
        List<Work> work = new ArrayList<>();
        int unchanged = 0;
        int notSelected = 0;
        for (RosterEntry entry : roster) {
            if (!selection.students().isEmpty() && !selection.students().contains(entry.student())) {
                notSelected++;
                continue;
            }
            StoredGrade grade = stored.get(entry.student());
            Map<String, String> why = new LinkedHashMap<>();
            for (var p : partHashes.entrySet()) {
                if (!selection.parts().isEmpty() && !selection.parts().contains(p.getKey())) {
                    continue;
                }
                String reason = reason(entry, grade, p.getKey(), p.getValue(), version, selection);
                if (reason != null) {
                    why.put(p.getKey(), reason);
                }
            }
            if (why.isEmpty()) {
                unchanged++;
            } else {
                work.add(new Work(entry, why.keySet(), describe(why)));
            }
        }
        return new RegradePlan(work, unchanged, notSelected);
    }

    private static String reason(RosterEntry entry, StoredGrade grade, String part, String hash, String version,
                                 RegradePlan.Selection selection) {
        StoredPart stored = grade == null ? null : grade.parts().get(part);
        if (stored == null) {
            return grade == null ? "new" : "part " + part + " not graded yet";
        }
        if (selection.force()) {
            return "forced";
        }
        if (selection.named()) {
            return "asked for";
        }
        if (!stored.contentHash().equals(entry.contentHash())) {
            return "files changed";
        }
        if (!stored.partHash().equals(hash)) {
            return "part " + part + " changed";
        }
        if (!stored.graderVersion().equals(version)) {
            return "grader version changed";
        }
        if (stored.result().status() == Status.ERROR) {
            return "part " + part + " had an error";
        }
        return null;
    }

    /** One reason per submission: a whole-submission reason when one holds for every part, else the parts'. */
    private static String describe(Map<String, String> why) {
        Set<String> reasons = new LinkedHashSet<>(why.values());
        if (reasons.size() == 1 && !reasons.iterator().next().startsWith("part ")) {
            return reasons.iterator().next();
        }
        return String.join(", ", reasons);
    }

    /** The sentence for the TA, e.g. "412 unchanged, 88 to grade: part q1c changed (80), files changed (8)". */
    public String summary() {
        String left = notSelected == 0 ? "" : " (" + notSelected + " not selected)";
        if (work.isEmpty()) {
            return unchanged + " unchanged, nothing to grade" + left;
        }
        Map<String, Long> counts = new TreeMap<>(work.stream().collect(Collectors.groupingBy(Work::why,
                Collectors.counting())));
        String reasons = counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .map(e -> e.getKey() + (counts.size() == 1 ? "" : " (" + e.getValue() + ")"))
                .collect(Collectors.joining(", "));
        return unchanged + " unchanged, " + work.size() + " to grade: " + reasons + left;
    }
}
