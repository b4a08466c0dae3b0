package io.tensorgrade.grader.submission;

import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what can be read of a YAML answers file with a syntax error: the file is cut into its top-level entries
 * (a line at column 0 that starts {@code key:}, with the indented, blank and comment lines under it), each entry is
 * read on its own, and only the entries that do not parse are lost, each reported once at the line where it starts.
 *
 * @param answers the entries that were read, with their lines in the file
 * @param broken  for each entry that could not be read, its key and why ({@code line 7: syntax error ...})
 */
record AnswerRecovery(YamlMap answers, Map<String, String> broken) {

    /** {@code key:} at the start of a line: a plain, single- or double-quoted key. */
    private static final Pattern KEY = Pattern.compile("^(?:\"([^\"]+)\"|'([^']+)'|([^\\s#:\\-?\\[{'\"][^:#]*?))\\s*:(\\s|$)");

    /** The recovered entries of {@code text}; null when no line of it starts an entry. */
    static AnswerRecovery of(String text) {
        String[] lines = text.split("\r?\n", -1);
        List<int[]> spans = new ArrayList<>();  // [first line index, end (exclusive)]
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = KEY.matcher(lines[i]);
            if (m.find()) {
                if (!spans.isEmpty()) {
                    spans.get(spans.size() - 1)[1] = i;
                }
                spans.add(new int[] {i, lines.length});
                keys.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3).strip());
            }
        }
        if (spans.isEmpty()) {
            return null;
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        Map<String, String> broken = new LinkedHashMap<>();
        for (int e = 0; e < spans.size(); e++) {
            int[] span = spans.get(e);
            // Blank lines in front keep the line numbers those of the whole file.
            StringBuilder one = new StringBuilder("\n".repeat(span[0]));
            for (int i = span[0]; i < span[1]; i++) {
                one.append(lines[i]).append('\n');
            }
            YamlReader.Result r = YamlReader.readYaml(one.toString());
            String key = keys.get(e);
            if (r.root() instanceof YamlMap m && r.problems().isEmpty() && m.keys().size() == 1) {
                String k = m.keys().iterator().next();
                entries.put(k, m.get(k));
                keyLines.put(k, m.lineOf(k));
            } else {
                Problem p = r.problems().isEmpty() ? null : r.problems().get(0);
                broken.put(key, "line " + (span[0] + 1) + ": " + (p == null ? "not a single 'id: answer' entry"
                        : p.message() + (p.line() > span[0] + 1 ? " (noticed at line " + p.line() + ")" : "")));
            }
        }
        return new AnswerRecovery(new YamlMap(entries, keyLines, 1), broken);
    }
}
