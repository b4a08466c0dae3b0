package io.tensorgrade.grader.check;

import io.tensorgrade.grader.yaml.DidYouMean;
import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed access to one mapping of a rubric (a part, or a map inside it) that records located
 * problems instead of throwing, so that a rubric reports all its errors at once. After a problem
 * the getters return a placeholder (empty text, 0, null, the default); a {@link CheckKind} must
 * not fail on placeholders: the engine discards its check when any problem was recorded.
 */
public final class ConfigReader {

    private final YamlMap map;
    private final String prefix;
    private final List<Problem> problems;
    private final Path baseDir;

    /**
     * A reader over {@code map} that adds its problems to {@code problems}.
     *
     * @param baseDir the folder of the rubric, for kinds that read files named in it
     */
    public ConfigReader(YamlMap map, List<Problem> problems, Path baseDir) {
        this(map, "", problems, baseDir);
    }

    private ConfigReader(YamlMap map, String prefix, List<Problem> problems, Path baseDir) {
        this.map = map;
        this.prefix = prefix;
        this.problems = problems;
        this.baseDir = baseDir;
    }

    /** The folder of the rubric file. */
    public Path baseDir() {
        return baseDir;
    }

    /** The line of the mapping itself. */
    public int line() {
        return map.line();
    }

    public boolean has(String key) {
        return map.has(key);
    }

    /** The raw node of {@code key}, or null when absent. */
    public YamlNode node(String key) {
        return map.get(key);
    }

    /** The full field path of {@code key} for messages, e.g. {@code accept[1].credit}. */
    public String field(String key) {
        return prefix + key;
    }

    /** Records a problem about {@code key} (at its line, or the map's line when absent). */
    public void error(String key, String message) {
        problems.add(new Problem(map.lineOf(key), field(key), message));
    }

    /** Records a problem at {@code node}'s line; {@code field} is relative to this mapping, e.g. {@code accept[2]}. */
    public void errorAt(YamlNode node, String field, String message) {
        problems.add(new Problem(node == null ? map.line() : node.line(), prefix + field, message));
    }

    /** Whether no problem has been recorded so far (by this reader or any other sharing its list). */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** Records an "unknown key" problem, with a suggestion and the allowed keys, for every other key. */
    public void checkKeys(Collection<String> allowed) {
        for (String key : map.keys()) {
            if (!allowed.contains(key)) {
                error(key, "unknown key '" + key + "'" + DidYouMean.hint(key, allowed) + "; allowed: "
                        + String.join(", ", allowed));
            }
        }
    }

    /** A required value read by {@code parser}, which throws with a message for bad input; null after a problem. */
    public <T> T value(String key, Function<YamlNode, T> parser) {
        YamlNode node = map.get(key);
        if (node == null) {
            error(key, "missing required field '" + key + "'");
            return null;
        }
        try {
            return parser.apply(node);
        } catch (AnswerFormatException | IllegalArgumentException e) {
            error(key, uncapitalize(e.getMessage()));
            return null;
        }
    }

    /** An optional value read by {@code parser}; {@code dflt} when absent or after a problem. */
    public <T> T value(String key, Function<YamlNode, T> parser, T dflt) {
        if (!map.has(key) || isNull(map.get(key))) {
            return dflt;
        }
        T v = value(key, parser);
        return v == null ? dflt : v;
    }

    /** Required text. */
    public String string(String key) {
        String s = value(key, ConfigReader::text);
        return s == null ? "" : s;
    }

    /** Optional text. */
    public String string(String key, String dflt) {
        return value(key, ConfigReader::text, dflt);
    }

    /** Required integer. */
    public long integer(String key) {
        Value.Int v = value(key, AnswerParser::integer);
        return v == null ? 0 : v.value();
    }

    /** Optional integer. */
    public long integer(String key, long dflt) {
        return value(key, AnswerParser::integer, Value.of(dflt)).value();
    }

    /** Required number. */
    public double number(String key) {
        Value.Real v = value(key, AnswerParser::number);
        return v == null ? 0 : v.value();
    }

    /** Optional number. */
    public double number(String key, double dflt) {
        return value(key, AnswerParser::number, Value.of(dflt)).value();
    }

    /** Optional number in [0, 1], e.g. a credit. */
    public double fraction(String key, double dflt) {
        double v = number(key, dflt);
        if (v < 0 || v > 1) {
            error(key, "expected a fraction between 0 and 1, found " + v);
            return dflt;
        }
        return v;
    }

    /** Optional boolean ({@code true} / {@code false}). */
    public boolean bool(String key, boolean dflt) {
        return value(key, n -> {
            if (n instanceof YamlScalar s && s.type() == YamlScalar.Type.BOOLEAN) {
                return Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT));
            }
            throw new IllegalArgumentException("expected true or false, found " + n.describe());
        }, dflt);
    }

    /** One of {@code allowed}; {@code dflt} when absent (null makes it required). */
    public String choice(String key, Collection<String> allowed, String dflt) {
        String s = dflt == null ? string(key) : string(key, dflt);
        if (!s.isEmpty() && !allowed.contains(s)) {
            error(key, "unknown value '" + s + "'" + DidYouMean.hint(s, allowed) + "; allowed: "
                    + String.join(", ", allowed));
            return dflt == null ? "" : dflt;
        }
        return s;
    }

    /** A list of texts (a single text counts as a one-element list); empty when absent. */
    public List<String> strings(String key) {
        return value(key, n -> {
            List<String> out = new ArrayList<>();
            for (YamlNode item : n instanceof YamlList l ? l.items() : List.of(n)) {
                out.add(text(item));
            }
            return List.copyOf(out);
        }, List.of());
    }

    /** A nested mapping whose keys must be among {@code allowedKeys}; empty when absent. */
    public Optional<ConfigReader> map(String key, Collection<String> allowedKeys) {
        YamlNode node = map.get(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof YamlMap m)) {
            error(key, "expected a mapping with keys " + String.join(", ", allowedKeys) + ", found "
                    + node.describe());
            return Optional.empty();
        }
        ConfigReader child = new ConfigReader(m, field(key) + ".", problems, baseDir);
        child.checkKeys(allowedKeys);
        return Optional.of(child);
    }

    /**
     * A reader over {@code node}, a mapping found inside this one by hand (e.g. an item of a list that
     * mixes mappings and plain names, such as a network's layers); {@code field} is its path relative to
     * this mapping, e.g. {@code network[2]}. Its keys are not checked.
     */
    public ConfigReader nested(YamlMap node, String field) {
        return new ConfigReader(node, prefix + field + ".", problems, baseDir);
    }

    /** A list of mappings whose keys must be among {@code allowedKeys}; empty when absent. */
    public List<ConfigReader> items(String key, Collection<String> allowedKeys) {
        YamlNode node = map.get(key);
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (!(node instanceof YamlList list)) {
            error(key, "expected a list of mappings with keys " + String.join(", ", allowedKeys) + ", found "
                    + node.describe());
            return List.of();
        }
        List<ConfigReader> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            YamlNode item = list.get(i);
            String path = field(key) + "[" + i + "]";
            if (item instanceof YamlMap m) {
                ConfigReader child = new ConfigReader(m, path + ".", problems, baseDir);
                child.checkKeys(allowedKeys);
                out.add(child);
            } else {
                problems.add(new Problem(item.line(), path, "expected a mapping with keys "
                        + String.join(", ", allowedKeys) + ", found " + item.describe()));
            }
        }
        return out;
    }

    /**
     * The {@code tolerance} mapping: {@code {abs: 0.01, rel: 1e-3}} ({@code atol} / {@code rtol} are
     * synonyms); {@code dflt} when absent.
     */
    public Tolerance tolerance(Tolerance dflt) {
        Optional<ConfigReader> t = map("tolerance", List.of("abs", "rel", "atol", "rtol"));
        if (t.isEmpty()) {
            return dflt;
        }
        // A tolerance given in the rubric replaces the default entirely: {abs: 0.01} means rel 0.
        ConfigReader r = t.get();
        double abs = r.synonym("abs", "atol", 0);
        double rel = r.synonym("rel", "rtol", 0);
        return new Tolerance(abs, rel);
    }

    private double synonym(String key, String alias, double dflt) {
        if (has(key) && has(alias)) {
            error(alias, "'" + alias + "' repeats '" + key + "'; keep one of them");
        }
        double v = has(alias) ? number(alias, dflt) : number(key, dflt);
        String used = has(alias) ? alias : key;
        if (v < 0) {
            error(used, "a tolerance must be >= 0, found " + v);
            return dflt;
        }
        return v;
    }

    private static String text(YamlNode n) {
        if (n instanceof YamlScalar s && !s.isNull()) {
            return s.text();
        }
        throw new IllegalArgumentException("expected text, found " + n.describe());
    }

    private static boolean isNull(YamlNode n) {
        return n instanceof YamlScalar s && s.isNull();
    }

    private static String uncapitalize(String s) {
        if (s == null || s.isEmpty()) {
            return "invalid value";
        }
        String t = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        return Character.toLowerCase(t.charAt(0)) + t.substring(1);
    }
}
