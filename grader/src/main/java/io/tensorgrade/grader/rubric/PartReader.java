package io.tensorgrade.grader.rubric;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.answer.MistakeCredit;
import io.tensorgrade.grader.result.Visibility;
import io.tensorgrade.grader.yaml.DidYouMean;
import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one part: validates the common keys, then lets the part's check kind read the rest. */
final class PartReader {

    /** Keys every part may have, whatever its kind. */
    static final List<String> COMMON_KEYS = List.of("id", "title", "points", "check", "visibility", "tags",
            "description", "partial_credit");

    /** Part ids are keys in answers.yaml and names in Gradescope, so keep them plain. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final CheckKinds kinds;
    private final Path baseDir;

    PartReader(CheckKinds kinds, Path baseDir) {
        this.kinds = kinds;
        this.baseDir = baseDir;
    }

    /** The part, or empty when {@code problems} received at least one problem. */
    Optional<Part> read(YamlMap map, List<Problem> problems) {
        ConfigReader c = new ConfigReader(map, problems, baseDir);
        String id = c.string("id");
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            c.error("id", "'" + id + "' is not a valid part id; use letters, digits, '_', '.' or '-'"
                    + " (it becomes a key in answers.yaml), e.g. q1a");
        }
        String title = c.string("title", id);
        double points = c.number("points");
        if (points < 0) {
            c.error("points", "points must be >= 0, found " + points);
        }
        String visibilityName = c.choice("visibility", Visibility.yamlNames(), Visibility.VISIBLE.yamlName());
        Visibility visibility = Visibility.fromYaml(visibilityName).orElse(Visibility.VISIBLE);
        List<String> tags = c.strings("tags");
        String description = c.string("description", "");
        boolean partialCredit = c.bool("partial_credit", true);
        String kindName = c.string("check");
        Optional<CheckKind> kind = kinds.find(kindName);
        if (kind.isEmpty()) {
            if (!kindName.isEmpty()) {
                c.error("check", "unknown check '" + kindName + "'" + DidYouMean.hint(kindName, kinds.names())
                        + "; known: " + String.join(", ", kinds.names()));
            }
            return Optional.empty();
        }
        Set<String> allowed = new LinkedHashSet<>(COMMON_KEYS);
        if (!kind.get().builtInMistakes().isEmpty()) {
            allowed.add(MistakeCredit.KEY);
        }
        allowed.addAll(kind.get().keys().stream().sorted().toList());
        c.checkKeys(allowed);
        Map<String, Double> credits = MistakeCredit.read(c, kind.get());
        Check check = create(kind.get(), c, problems);
        if (!problems.isEmpty() || check == null) {
            return Optional.empty();
        }
        return Optional.of(new Part(id, title, points, kindName, visibility, tags, description, partialCredit,
                map.line(), MistakeCredit.apply(check, credits), map));
    }

    /** Runs the kind's factory; a crash after reported problems is their consequence, otherwise a bug to report. */
    private static Check create(CheckKind kind, ConfigReader c, List<Problem> problems) {
        int before = problems.size();
        try {
            return kind.create(c);
        } catch (RuntimeException e) {
            if (problems.size() == before) {
                c.error("check", "check kind '" + kind.name() + "' could not read this part: " + e);
            }
            return null;
        }
    }

    /** Known id for messages, or {@code #n} (1-based) when the part has none. */
    static String label(YamlMap map, int index) {
        if (map.get("id") instanceof YamlScalar s && !s.isNull()
                && ID.matcher(s.text()).matches()) {
            return s.text();
        }
        return "#" + (index + 1);
    }
}
