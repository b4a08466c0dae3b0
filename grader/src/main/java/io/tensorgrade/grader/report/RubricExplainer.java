package io.tensorgrade.grader.report;

import io.tensorgrade.grader.check.CatalogueEntry;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.answer.AnswerCheck;
import io.tensorgrade.grader.result.Points;
import io.tensorgrade.grader.rubric.CheckKinds;
import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.rubric.Rubric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code tensorgrade rubric explain}: for staff, each part with its points, what it checks, the
 * expected value with its derivation, and the accepted alternatives and known mistakes.
 */
public final class RubricExplainer {

    private static final String NL = "\n";

    private RubricExplainer() {
    }

    public static String render(Rubric rubric, CheckKinds kinds) {
        StringBuilder sb = new StringBuilder();
        sb.append(rubric.title()).append(" (").append(rubric.assignment()).append(", ").append(rubric.file())
                .append("): ").append(Points.format(rubric.totalPoints())).append(" points in ")
                .append(rubric.parts().size()).append(rubric.parts().size() == 1 ? " part" : " parts").append(NL);
        for (Part part : rubric.parts()) {
            sb.append(NL).append(part.id()).append("  ").append(part.title()).append("  [")
                    .append(Points.format(part.points())).append(part.points() == 1 ? " point, " : " points, ")
                    .append(part.kind()).append(", ").append(part.visibility().yamlName())
                    .append(part.partialCredit() ? "" : ", no partial credit").append(']').append(NL);
            if (!part.description().isBlank()) {
                part.description().strip().lines().forEach(l -> line(sb, "", l));
            }
            kinds.find(part.kind()).map(CheckKind::description).ifPresent(d -> line(sb, "Checks: ", d));
            Expected expected = part.check().expected();
            line(sb, "Expected: ", expected.value());
            if (expected.hasDerivation()) {
                line(sb, "Derivation: ", expected.derivation());
            }
            if (part.check() instanceof AnswerCheck answer && !answer.matcher().tolerance().isExact()) {
                line(sb, "Tolerance: ", answer.matcher().tolerance().describe());
            }
            catalogue(sb, part.check().catalogue());
            line(sb, "Answer form: ", part.check().answerForm());
            if (!part.tags().isEmpty()) {
                line(sb, "Tags: ", String.join(", ", part.tags()));
            }
        }
        return sb.toString();
    }

    private static void catalogue(StringBuilder sb, List<CatalogueEntry> entries) {
        for (CatalogueEntry a : entries.stream().filter(CatalogueEntry::accepted).toList()) {
            line(sb, "Also accepted: ", (a.value().isEmpty() ? "" : a.value() + " as ") + a.name() + " ("
                    + percent(a.credit()) + ")" + (a.explanation().isEmpty() ? "" : ": " + a.explanation()));
        }
        // Shape checks list every wrong order as its own mistake; one line per name and explanation is enough.
        Map<String, List<CatalogueEntry>> byName = new LinkedHashMap<>();
        entries.stream().filter(e -> !e.accepted()).forEach(m -> byName.computeIfAbsent(m.name() + "\n"
                + m.explanation() + "\n" + m.credit(), k -> new ArrayList<>()).add(m));
        for (List<CatalogueEntry> same : byName.values()) {
            CatalogueEntry m = same.get(0);
            String values = same.stream().map(CatalogueEntry::value).filter(v -> !v.isEmpty())
                    .collect(Collectors.joining(" or "));
            String what = values.isEmpty() ? "what you get when " + m.explanation()
                    : values + (same.size() == 1 ? ", what you get when " + m.explanation() : "");
            line(sb, "Known mistake: ", m.name() + " (" + percent(m.credit()) + "): " + what);
        }
    }

    private static String percent(double credit) {
        return Points.format(Math.round(credit * 1000) / 10.0) + "%";
    }

    /** One entry; the lines of a multi-line text (a per-layer derivation) are indented under the first. */
    private static void line(StringBuilder sb, String label, String text) {
        String indent = NL + "  " + " ".repeat(label.length());
        sb.append("  ").append(label).append(String.join(indent, text.lines().toList())).append(NL);
    }
}
