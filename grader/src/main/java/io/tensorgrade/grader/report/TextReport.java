package io.tensorgrade.grader.report;

import io.tensorgrade.grader.result.GradeReport;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Points;
import io.tensorgrade.grader.result.Status;
import java.util.List;

/**
 * The terminal report: a table (part, points, status, short feedback), the full feedback of
 * every part not passed, the parts checked after submission, and warnings. ANSI colours only
 * when asked for.
 */
public final class TextReport {

    static final int WIDTH = 100;
    private static final String NL = "\n";

    private TextReport() {
    }

    public static String render(GradeReport report, boolean color) {
        Ansi ansi = new Ansi(color);
        List<PartResult> graded = report.graded();
        StringBuilder sb = new StringBuilder();
        sb.append(ansi.bold(report.title())).append(" (").append(report.assignment()).append(")  ")
                .append(report.submission()).append(NL).append(NL);
        int idWidth = Math.max(5, graded.stream().mapToInt(r -> r.partId().length()).max().orElse(0));
        int pointsWidth = Math.max(6, graded.stream().mapToInt(r -> score(r).length()).max().orElse(0));
        int statusWidth = graded.stream().anyMatch(r -> r.status() == Status.UNREADABLE) ? 10 : 7;
        int feedbackWidth = Math.max(20, WIDTH - idWidth - pointsWidth - statusWidth - 6);
        sb.append(pad("Part", idWidth)).append("  ").append(pad("Points", pointsWidth)).append("  ")
                .append(pad("Status", statusWidth)).append("  Feedback").append(NL);
        for (PartResult r : graded) {
            sb.append(pad(r.partId(), idWidth)).append("  ").append(pad(score(r), pointsWidth)).append("  ")
                    .append(ansi.status(r.status(), pad(r.status().label(), statusWidth))).append("  ")
                    .append(truncate(r.summary(), feedbackWidth)).append(NL);
        }
        String total = Points.format(report.score()) + " / " + Points.format(report.maxScore());
        sb.append(pad("Total", idWidth)).append("  ").append(ansi.bold(total));
        if (report.lateness().late()) {
            sb.append("  (").append(Points.format(report.rawScore())).append(" before the late penalty)");
        }
        sb.append(NL);
        if (report.lateness().late()) {
            sb.append(report.lateness().describe()).append(NL);
        }
        details(sb, graded, ansi);
        later(sb, report.skipped());
        if (!report.warnings().isEmpty()) {
            sb.append(NL).append(ansi.bold("Warnings")).append(NL);
            report.warnings().forEach(w -> sb.append("  ").append(w).append(NL));
        }
        return sb.toString();
    }

    private static void details(StringBuilder sb, List<PartResult> graded, Ansi ansi) {
        List<PartResult> notPassed = graded.stream().filter(r -> r.status() != Status.PASSED).toList();
        if (notPassed.isEmpty()) {
            return;
        }
        sb.append(NL).append(ansi.bold("Details")).append(NL);
        for (PartResult r : notPassed) {
            sb.append(NL).append(ansi.bold(r.partId() + "  " + r.title())).append("  (").append(score(r))
                    .append(", ").append(ansi.status(r.status(), r.status().label())).append(')').append(NL);
            r.feedback().lines().forEach(l -> sb.append(l.isBlank() ? "" : "  " + l).append(NL));
        }
    }

    private static void later(StringBuilder sb, List<PartResult> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        sb.append(NL).append("Checked after submission:").append(NL);
        for (PartResult r : skipped) {
            sb.append("  ").append(r.partId()).append("  ").append(r.title()).append(" (")
                    .append(Points.format(r.maxScore())).append(r.maxScore() == 1 ? " point" : " points").append(')')
                    .append(NL);
        }
    }

    private static String score(PartResult r) {
        return Points.format(r.score()) + " / " + Points.format(r.maxScore());
    }


    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String truncate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 3) + "...";
    }

    /** ANSI escape codes, or nothing when colour is off. */
    private record Ansi(boolean on) {
        String bold(String s) {
            return on ? "\u001b[1m" + s + "\u001b[0m" : s;
        }

        String status(Status status, String s) {
            if (!on) {
                return s;
            }
            String code = switch (status) {
                case PASSED -> "32";
                case PARTIAL -> "33";
                case FAILED, UNREADABLE -> "31";
                case ERROR -> "35";
                case SKIPPED -> "2";
            };
            return "\u001b[" + code + "m" + s + "\u001b[0m";
        }
    }
}
