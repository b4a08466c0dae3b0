package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.batch.store.RubricSnapshot;
import io.tensorgrade.grader.batch.store.RunStore;
import io.tensorgrade.grader.batch.store.StoredGrade;
import io.tensorgrade.grader.batch.store.StoredPart;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Points;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * What changed between two regrade runs of a class (after a rubric fix or a grader upgrade, before publishing): per
 * student and part, the points before and after with the status and named mistake each time, and a summary by part
 * ("q1c: 37 students +2, 1 -1").
 *
 * @param changes every student and part whose points, status or mistake differ, in student then part order
 */
public record RunDiff(List<Change> changes, int students, List<String> onlyInA, List<String> onlyInB) {

    /** One student's part, before (A) and after (B); a side is null when that run has no result for it. */
    public record Change(String student, String part, PartResult before, PartResult after) {

        /** Points gained (negative: lost); a missing side counts as 0. */
        public double delta() {
            return Points.round(score(after) - score(before));
        }

        /** How the part read in each run, e.g. "failed (padding_ignored) -> passed". */
        public String why() {
            return state(before) + " -> " + state(after);
        }

        private static double score(PartResult r) {
            return r == null ? 0 : r.score();
        }

        private static String state(PartResult r) {
            if (r == null) {
                return "not graded";
            }
            return r.status().label() + (r.mistake() == null ? "" : " (" + r.mistake() + ")");
        }
    }

    public RunDiff {
        changes = List.copyOf(changes);
        onlyInA = List.copyOf(onlyInA);
        onlyInB = List.copyOf(onlyInB);
    }

    /** The differences from run A to run B (both stores open). */
    public static RunDiff of(RunStore a, RunStore b) {
        Map<String, StoredGrade> before = a.grades();
        Map<String, StoredGrade> after = b.grades();
        List<String> parts = new ArrayList<>();
        b.rubric().map(RubricSnapshot::parts).orElse(List.of()).forEach(p -> parts.add(p.id()));
        a.rubric().map(RubricSnapshot::parts).orElse(List.of()).stream().map(RubricSnapshot.PartInfo::id)
                .filter(id -> !parts.contains(id)).forEach(parts::add);
        Set<String> students = new java.util.TreeSet<>(before.keySet());
        students.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (String s : students) {
            for (String p : parts) {
                PartResult x = result(before.get(s), p);
                PartResult y = result(after.get(s), p);
                if (differ(x, y)) {
                    changes.add(new Change(s, p, x, y));
                }
            }
        }
        List<String> onlyA = before.keySet().stream().filter(s -> !after.containsKey(s)).sorted().toList();
        List<String> onlyB = after.keySet().stream().filter(s -> !before.containsKey(s)).sorted().toList();
        return new RunDiff(changes, students.size(), onlyA, onlyB);
    }

    private static PartResult result(StoredGrade g, String part) {
        StoredPart p = g == null ? null : g.parts().get(part);
        return p == null ? null : p.result();
    }

    private static boolean differ(PartResult x, PartResult y) {
        if (x == null || y == null) {
            return x != y;
        }
        return Math.abs(x.score() - y.score()) > 1e-9 || x.status() != y.status()
                || !Objects.equals(x.mistake(), y.mistake());
    }

    /** Per part: how many students gained and lost, by how much in all, and the most common change. */
    public List<String> summary() {
        Map<String, List<Change>> byPart = new LinkedHashMap<>();
        changes.forEach(c -> byPart.computeIfAbsent(c.part(), k -> new ArrayList<>()).add(c));
        List<String> out = new ArrayList<>();
        for (var e : byPart.entrySet()) {
            List<Change> cs = e.getValue();
            long up = cs.stream().filter(c -> c.delta() > 0).count();
            long down = cs.stream().filter(c -> c.delta() < 0).count();
            double net = Points.round(cs.stream().mapToDouble(Change::delta).sum());
            Map<String, Long> why = new TreeMap<>();
            cs.forEach(c -> why.merge(c.why(), 1L, Long::sum));
            String common = why.entrySet().stream().max(Map.Entry.comparingByValue()).map(w -> w.getKey()
                    + (why.size() > 1 ? " (" + w.getValue() + ")" : "")).orElse("");
            out.add(String.format(Locale.ROOT, "%s: %d student%s changed: %d gained, %d lost, net %s points; %s",
                    e.getKey(), cs.size(), cs.size() == 1 ? "" : "s", up, down, (net > 0 ? "+" : "")
                    + Points.format(net), common));
        }
        return out;
    }

    /** The text report: the summary by part, then every change. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        long affected = changes.stream().map(Change::student).distinct().count();
        sb.append(affected).append(" of ").append(students).append(" submissions changed");
        sb.append(changes.isEmpty() ? ".\n" : ":\n");
        summary().forEach(l -> sb.append("  ").append(l).append('\n'));
        if (!onlyInA.isEmpty()) {
            sb.append("only in the first run: ").append(String.join(", ", onlyInA)).append('\n');
        }
        if (!onlyInB.isEmpty()) {
            sb.append("only in the second run: ").append(String.join(", ", onlyInB)).append('\n');
        }
        if (!changes.isEmpty()) {
            sb.append('\n');
            Set<String> seen = new LinkedHashSet<>();
            for (Change c : changes) {
                if (seen.add(c.student())) {
                    sb.append(c.student()).append('\n');
                }
                sb.append(String.format(Locale.ROOT, "  %-20s %6s  %s%n", c.part(), (c.delta() > 0 ? "+" : "")
                        + Points.format(c.delta()), c.why()));
            }
        }
        return sb.toString();
    }

    /** The changes as CSV: student, part, before, after, delta, status and mistake each side. */
    public String csv() {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("student", "part",
                "points_before", "points_after", "delta", "status_before", "status_after", "mistake_before",
                "mistake_after").get())) {
            for (Change c : changes) {
                csv.printRecord(c.student(), c.part(), points(c.before()), points(c.after()),
                        Points.format(c.delta()), status(c.before()), status(c.after()), mistake(c.before()),
                        mistake(c.after()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String points(PartResult r) {
        return r == null ? "" : Points.format(r.score());
    }

    private static String status(PartResult r) {
        return r == null ? "not_graded" : r.status().label();
    }

    private static String mistake(PartResult r) {
        return r == null || r.mistake() == null ? "" : r.mistake();
    }
}
