package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.check.CatalogueEntry;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.SandboxedCheck;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.yaml.DidYouMean;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The common part key {@code mistake_credit: {padding_ignored: 0.5, kernel_flipped: 1}}: credit for the
 * built-in mistakes of any kind that has some (a part key only then), validated against the kind's
 * {@link CheckKind#builtInMistakes()}. A built-in earns 0 unless its kind gives it a credit of its own
 * ({@code spatial_size_only}: 0.5), which this key replaces. Applied
 * around the kind's check, so every kind gets it the same way: a verdict that names a credited mistake
 * earns that credit, and {@link Check#catalogue()} shows it. (The rubric's own {@code accept} and
 * {@code mistakes} entries carry their credit themselves.)
 */
public final class MistakeCredit {

    /** The part key. */
    public static final String KEY = "mistake_credit";

    /** Built-in ids that were renamed, old to new, so that an old rubric is told the new name. */
    private static final Map<String, String> RENAMED = Map.of("channels_left_out", "spatial_size_only");

    private MistakeCredit() {
    }

    /**
     * The credits given in {@code config}, by mistake id; empty when the key is absent. An id the kind does
     * not have, a credit outside [0, 1], or an id that a rubric {@code accept}/{@code mistakes} entry also
     * uses is recorded as a problem.
     */
    public static Map<String, Double> read(ConfigReader config, CheckKind kind) {
        YamlNode node = config.node(KEY);
        if (node == null || node instanceof YamlScalar s && s.isNull()) {
            return Map.of();
        }
        List<String> ids = kind.builtInMistakes();
        if (ids.isEmpty()) {
            return Map.of(); // the key is then not allowed: reported as an unknown key
        }
        if (!(node instanceof YamlMap map)) {
            config.error(KEY, "expected a mapping from built-in mistake to credit, e.g. {" + ids.get(0)
                    + ": 0.5}, found " + node.describe());
            return Map.of();
        }
        ConfigReader credits = config.nested(map, KEY);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String id : map.keys()) {
            if (!ids.contains(id) && RENAMED.containsKey(id) && ids.contains(RENAMED.get(id))) {
                credits.error(id, "'" + id + "' is now called '" + RENAMED.get(id) + "'; write {" + RENAMED.get(id)
                        + ": ...}");
                continue;
            }
            if (!ids.contains(id)) {
                credits.error(id, "unknown built-in mistake '" + id + "'" + DidYouMean.hint(id, ids) + " of check '"
                        + kind.name() + "'; known: " + String.join(", ", ids));
                continue;
            }
            if (namedInRubric(config, id)) {
                credits.error(id, "a rubric entry is also called '" + id + "'; give its credit in that entry");
                continue;
            }
            out.put(id, credits.fraction(id, 0.0));
        }
        return Map.copyOf(out);
    }

    /** {@code check} with the credits applied; {@code check} itself when there are none. */
    public static Check apply(Check check, Map<String, Double> credits) {
        return credits.isEmpty() ? check : new Credited(check, credits);
    }

    private static boolean namedInRubric(ConfigReader config, String id) {
        for (String key : List.of("accept", "mistakes")) {
            if (config.node(key) instanceof YamlList list) {
                for (YamlNode item : list.items()) {
                    if (item instanceof YamlMap m && m.get("name") instanceof YamlScalar s && id.equals(s.text())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A check whose built-in mistakes earn the rubric's credit. Immutable like the check it wraps. */
    private record Credited(Check check, Map<String, Double> credits) implements Check {

        Credited {
            Objects.requireNonNull(check, "check");
            credits = Map.copyOf(credits);
        }

        @Override
        public Expected expected() {
            return check.expected();
        }

        @Override
        public String answerForm() {
            return check.answerForm();
        }

        @Override
        public boolean needsAnswer() {
            return check.needsAnswer();
        }

        @Override
        public boolean scoresModel() {
            return check.scoresModel();
        }

        @Override
        public List<CatalogueEntry> catalogue() {
            return check.catalogue().stream()
                    .map(e -> !e.accepted() && credits.containsKey(e.name()) ? e.withCredit(credits.get(e.name())) : e)
                    .toList();
        }

        @Override
        public Verdict grade(CheckContext context) {
            return credit(check.grade(context));
        }

        @Override
        public SandboxedCheck sandboxed() {
            SandboxedCheck inner = check.sandboxed();
            if (inner == null) {
                return null;
            }
            return new CreditedCode(inner, this);
        }

        Verdict credit(Verdict v) {
            Double credit = v.mistake() == null ? null : credits.get(v.mistake());
            if (credit == null || credit == v.credit()) {
                return v;
            }
            String note = credit >= 1 ? "This course accepts it: full credit."
                    : credit > 0 ? AnswerMatcher.partialCredit(credit) : "";
            // A built-in with a credit of its own (spatial_size_only) has said so in the feedback: replaced.
            String feedback = v.credit() > 0 ? v.feedback().replace(" " + AnswerMatcher.partialCredit(v.credit()), "")
                    : v.feedback();
            return Verdict.of(credit, feedback, v.mistake()).withNote(note);
        }
    }

    /** The sandboxed side of a credited check: the same files and job share, the course's credits applied. */
    private record CreditedCode(SandboxedCheck inner, Credited outer) implements SandboxedCheck {
        @Override
        public Expected expected() {
            return outer.expected();
        }

        @Override
        public String answerForm() {
            return outer.answerForm();
        }

        @Override
        public List<CatalogueEntry> catalogue() {
            return outer.catalogue();
        }

        @Override
        public Target target() {
            return inner.target();
        }

        @Override
        public Share share(CheckContext context, Path file, String prefix) {
            return inner.share(context, file, prefix).map(outer::credit);
        }
    }
}
