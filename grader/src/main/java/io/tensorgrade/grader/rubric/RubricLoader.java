package io.tensorgrade.grader.rubric;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.result.Points;
import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads and validates a rubric file. Every problem is collected (syntax, unknown keys with
 * suggestions, wrong types, unknown check kinds, duplicate ids, points that do not add up, each
 * kind's own config) and reported together in a {@link RubricException}.
 */
public final class RubricLoader {

    static final List<String> TOP_KEYS = List.of("assignment", "title", "description", "total_points", "due",
            "late_policy", "parts");

    private RubricLoader() {
    }

    /** Loads {@code file} with the standard check kinds. */
    public static Rubric load(Path file) {
        return load(file, CheckKinds.standard());
    }

    /**
     * Loads {@code file} with the given check kinds.
     *
     * @throws RubricException listing every problem when the rubric is invalid
     * @throws GraderException when the file does not exist
     */
    public static Rubric load(Path file, CheckKinds kinds) {
        if (!Files.isRegularFile(file)) {
            throw new GraderException("The rubric file " + file + " does not exist.");
        }
        String name = file.toString();
        List<RubricError> errors = new ArrayList<>();
        YamlReader.Result doc = YamlReader.read(file);
        addAll(errors, name, "", doc.problems());
        if (doc.root() == null) {
            throw new RubricException(name, errors);
        }
        if (!(doc.root() instanceof YamlMap top)) {
            errors.add(new RubricError(name, doc.root().line(), "", "", "expected a mapping with keys "
                    + String.join(", ", TOP_KEYS) + ", found " + doc.root().describe()));
            throw new RubricException(name, errors);
        }
        Path baseDir = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
        List<Problem> topProblems = new ArrayList<>();
        ConfigReader c = new ConfigReader(top, topProblems, baseDir);
        c.checkKeys(TOP_KEYS);
        String assignment = c.string("assignment");
        String title = c.string("title", assignment);
        String description = c.string("description", "");
        Double total = c.has("total_points") ? c.number("total_points") : null;
        LatePolicy late = LatePolicyReader.read(c).orElse(null);
        List<Part> parts = parts(top, name, kinds, baseDir, errors, topProblems);
        if (total != null) {
            checkTotal(c, total, top.get("parts"));
        }
        addAll(errors, name, "", topProblems);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(RubricError::line));
            throw new RubricException(name, errors);
        }
        return new Rubric(file, assignment, title, description, parts, late);
    }

    private static List<Part> parts(YamlMap top, String name, CheckKinds kinds, Path baseDir,
                                    List<RubricError> errors, List<Problem> topProblems) {
        YamlNode node = top.get("parts");
        if (node == null) {
            topProblems.add(new Problem(top.line(), "parts", "missing required field 'parts' (a list of parts)"));
            return List.of();
        }
        if (!(node instanceof YamlList list) || list.size() == 0) {
            topProblems.add(new Problem(node.line(), "parts", "expected a non-empty list of parts, found "
                    + node.describe()));
            return List.of();
        }
        PartReader reader = new PartReader(kinds, baseDir);
        List<Part> parts = new ArrayList<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            YamlNode item = list.get(i);
            if (!(item instanceof YamlMap map)) {
                errors.add(new RubricError(name, item.line(), "#" + (i + 1), "", "expected a mapping with id,"
                        + " points, check, ..., found " + item.describe()));
                continue;
            }
            String label = PartReader.label(map, i);
            List<Problem> problems = new ArrayList<>();
            reader.read(map, problems).ifPresent(parts::add);
            addAll(errors, name, label, problems);
            if (!label.startsWith("#")) {
                Integer first = firstLine.putIfAbsent(label, map.lineOf("id"));
                if (first != null) {
                    errors.add(new RubricError(name, map.lineOf("id"), label, "id", "duplicate part id '" + label
                            + "' (first used at line " + first + "); part ids must be unique"));
                }
            }
        }
        return parts;
    }

    /** Compares total_points with the parts' points, when every part's points can be read. */
    private static void checkTotal(ConfigReader c, double total, YamlNode partsNode) {
        if (!(partsNode instanceof YamlList list)) {
            return;
        }
        double sum = 0;
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof YamlMap map) || map.get("points") == null) {
                return;
            }
            // Read as PartReader reads it (its own problems are reported there, so a bad value skips the sum).
            List<Problem> scratch = new ArrayList<>();
            double points = new ConfigReader(map, scratch, c.baseDir()).number("points");
            if (!scratch.isEmpty()) {
                return;
            }
            sum += points;
            each.append(each.length() == 0 ? "" : ", ").append(PartReader.label(map, i)).append(' ')
                    .append(Points.format(points));
        }
        if (Math.abs(sum - total) > 1e-9 * Math.max(1, Math.abs(total))) {
            c.error("total_points", "the parts add up to " + Points.format(sum) + " points, not " + Points.format(total)
                    + " (" + each + ")");
        }
    }


    private static void addAll(List<RubricError> errors, String file, String part, List<Problem> problems) {
        for (Problem p : problems) {
            errors.add(new RubricError(file, p.line(), part, p.field(), p.message()));
        }
    }
}
