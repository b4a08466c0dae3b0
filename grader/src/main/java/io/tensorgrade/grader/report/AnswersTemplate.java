package io.tensorgrade.grader.report;

import io.tensorgrade.grader.result.Points;
import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.rubric.Rubric;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code tensorgrade rubric template}: an answers.yaml skeleton for students, one commented
 * entry per part saying what to enter and in which form. It never contains expected values.
 */
public final class AnswersTemplate {

    /** Keys YAML would read as numbers, booleans or null unless quoted. */
    private static final Pattern NEEDS_QUOTES = Pattern.compile("[0-9._+-]+|true|false|yes|no|on|off|null|y|n|~",
            Pattern.CASE_INSENSITIVE);
    private static final String NL = "\n";

    private AnswersTemplate() {
    }

    public static String render(Rubric rubric) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Answers for ").append(rubric.assignment()).append(": ").append(rubric.title()).append(NL);
        sb.append("# Write each answer after the colon and keep the part ids as they are.").append(NL);
        sb.append("# Before you submit, run: tensorgrade check --rubric <rubric> <your folder>").append(NL);
        for (Part part : rubric.parts()) {
            sb.append(NL).append("# ").append(part.id()).append(" (").append(Points.format(part.points()))
                    .append(part.points() == 1 ? " point" : " points").append("): ").append(oneLine(part.title()))
                    .append(NL);
            if (!part.description().isBlank()) {
                part.description().strip().lines().forEach(l -> sb.append("#   ").append(l.strip()).append(NL));
            }
            if (part.check().needsAnswer()) {
                sb.append("# Enter ").append(oneLine(part.check().answerForm())).append('.').append(NL);
                sb.append(key(part.id())).append(':').append(NL);
            } else {
                sb.append("# Not answered here: ").append(oneLine(part.check().answerForm())).append('.').append(NL);
            }
        }
        return sb.toString();
    }

    private static String key(String id) {
        return NEEDS_QUOTES.matcher(id.toLowerCase(Locale.ROOT)).matches() ? "\"" + id + "\"" : id;
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ').strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
