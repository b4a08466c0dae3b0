package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.sandbox.ScriptResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The two views of a training run's log: all of it for the staff, its last lines for the student. */
final class TrainingLog {
    private static final int LINE_CHARS = 240;

    private TrainingLog() {
    }

    /** Header (sandbox, device, budget, times, exit, notes), then stdout and stderr as kept. */
    static String staff(ScriptResult r, Duration budget) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "training run: %s sandbox, %s, budget %d s, script %.2f s, overhead"
                        + " %.2f s, outcome %s, exit code %d%n", r.sandbox(), r.gpu() ? "GPU" : "CPU",
                budget.toSeconds(), r.wall().toNanos() / 1e9, r.overhead().toNanos() / 1e9,
                r.outcome().name().toLowerCase(Locale.ROOT), r.exitCode()));
        sb.append("isolation: ").append(r.isolation()).append('\n');
        if (!r.reason().isEmpty()) {
            sb.append("reason: ").append(r.reason()).append('\n');
        }
        sb.append("outputs: ").append(r.outputs().keySet()).append('\n');
        r.notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
        sb.append("----- stdout -----\n").append(r.stdout());
        if (!r.stdout().endsWith("\n")) {
            sb.append('\n');
        }
        sb.append("----- stderr -----\n").append(r.stderr());
        return sb.toString();
    }

    /** The last {@code lines} lines of stderr (stdout when stderr is empty), clipped, as a paragraph; "" for none. */
    static String student(ScriptResult r, int lines) {
        String source = r.stderr().isBlank() ? r.stdout() : r.stderr();
        if (lines == 0 || source.isBlank()) {
            return "";
        }
        List<String> all = source.strip().lines().toList();
        List<String> tail = new ArrayList<>();
        for (String l : all.subList(Math.max(0, all.size() - lines), all.size())) {
            tail.add(l.length() > LINE_CHARS ? l.substring(0, LINE_CHARS) + "..." : l);
        }
        String which = r.stderr().isBlank() ? "output" : "error output";
        return "\n\nThe last " + (tail.size() == all.size() ? "" : tail.size() + " ") + "lines of its " + which
                + ":\n```\n" + String.join("\n", tail) + "\n```";
    }
}
