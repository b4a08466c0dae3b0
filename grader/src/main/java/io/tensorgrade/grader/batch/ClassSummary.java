package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.batch.store.RubricSnapshot;
import io.tensorgrade.grader.batch.store.SubmissionStatus;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Points;
import io.tensorgrade.grader.result.Status;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code summary.txt}: the class at a glance: submissions by status (with the ones to look at), then per part
 * the mean, the passed/partial/failed/error counts and the three most frequent named mistakes.
 */
final class ClassSummary {

    private ClassSummary() {
    }

    static String render(RubricSnapshot rubric, List<ClassReport> reports) {
        StringBuilder sb = new StringBuilder();
        List<ClassReport> graded = reports.stream().filter(r -> r.report() != null).toList();
        sb.append(rubric.title()).append(" (").append(rubric.assignment()).append("): ").append(graded.size())
                .append(" of ").append(reports.size()).append(" submissions graded\n");
        Map<SubmissionStatus, Long> byStatus = new EnumMap<>(SubmissionStatus.class);
        graded.forEach(r -> byStatus.merge(r.grade().status(), 1L, Long::sum));
        sb.append("status: ").append(byStatus.entrySet().stream().map(e -> e.getKey().label() + " " + e.getValue())
                .collect(Collectors.joining(", "))).append('\n');
        if (!graded.isEmpty()) {
            double mean = graded.stream().mapToDouble(r -> r.report().score()).average().orElse(0);
            sb.append(String.format(Locale.ROOT, "total: mean %s of %s%n", Points.format(Points.round(mean)),
                    Points.format(Points.round(rubric.totalPoints()))));
        }
        int w = Math.max(4, rubric.parts().stream().mapToInt(p -> p.id().length()).max().orElse(4));
        String row = "%-" + w + "s %9s %6s %7s %6s %10s %5s  %s%n";
        sb.append('\n').append(String.format(Locale.ROOT, row, "part", "mean", "passed", "partial", "failed",
                "unreadable", "error", "most frequent mistakes"));
        for (RubricSnapshot.PartInfo p : rubric.parts()) {
            List<PartResult> results = graded.stream().map(r -> r.report().results().stream()
                    .filter(x -> x.partId().equals(p.id())).findFirst().orElse(null))
                    .filter(Objects::nonNull).filter(x -> x.status() != Status.SKIPPED).toList();
            Map<Status, Long> counts = results.stream().collect(Collectors.groupingBy(PartResult::status,
                    () -> new EnumMap<>(Status.class), Collectors.counting()));
            double mean = results.stream().mapToDouble(PartResult::score).average().orElse(0);
            sb.append(String.format(Locale.ROOT, row, p.id(),
                    results.isEmpty() ? "-" : Points.format(Points.round(mean)) + "/" + Points.format(p.points()),
                    count(counts, Status.PASSED), count(counts, Status.PARTIAL), count(counts, Status.FAILED),
                    count(counts, Status.UNREADABLE), count(counts, Status.ERROR),
                    topMistakes(results)));
        }
        List<ClassReport> toLook = graded.stream().filter(r -> r.grade().status() != SubmissionStatus.GRADED).toList();
        if (!toLook.isEmpty()) {
            sb.append("\nto look at:\n");
            toLook.forEach(r -> sb.append("  ").append(r.student()).append("  ").append(r.grade().status().label())
                    .append(": ").append(r.grade().reason()).append('\n'));
        }
        List<ClassReport> notGraded = reports.stream().filter(r -> r.report() == null).toList();
        if (!notGraded.isEmpty()) {
            sb.append("\nnot graded yet: ").append(notGraded.stream().map(ClassReport::student).limit(20)
                    .collect(Collectors.joining(", "))).append(notGraded.size() > 20 ? ", ..." : "").append('\n');
        }
        return sb.toString();
    }

    private static String count(Map<Status, Long> counts, Status s) {
        return String.valueOf(counts.getOrDefault(s, 0L));
    }

    private static String topMistakes(List<PartResult> results) {
        Map<String, Long> counts = results.stream().filter(r -> r.mistake() != null)
                .collect(Collectors.groupingBy(PartResult::mistake, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(3)
                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
    }
}
