package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.check.LatexText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sums in an answer that is graded for one data point ({@code sum_index}): a leading sum over the data
 * index, as students copy it from the error function ({@code \sum_{i \in data}}, {@code \sum_{i \space
 * \epsilon \space data}}, {@code \sum_{i=1}^{N}}, {@code \sum_i}, {@code sum_i}, {@code Σ_i}, {@code ∑ᵢ}), is
 * dropped, also after a constant factor ({@code 2\sum_i ...}). Any other sum (over another index, inside the
 * formula, without an index) is not guessed at: it is replaced by the marker {@code Σ_a} and reported as
 * {@link Refused}, with what to write instead.
 */
final class DataSum {
    /** The marker a refused sum leaves in the text, followed by its index. */
    static final String MARKER = "Σ_";

    private static final Pattern SIGN = Pattern.compile(
            "\\\\(?:sum|Sigma)(?![A-Za-z])|(?<![A-Za-z0-9_\\\\])sum(?=\\s*_)|[Σ∑]");
    private static final Pattern LIMITS = Pattern.compile("\\G\\s*\\\\(?:no)?limits(?![A-Za-z])");
    private static final Pattern SPACING = Pattern.compile("\\\\(?:space|quad|qquad|[,;:! ])|~");
    /** {@code i}, then nothing or what it ranges over: {@code \in data}, {@code \epsilon data}, {@code =1}. */
    private static final Pattern SPEC = Pattern.compile(
            "\\s*([A-Za-z][A-Za-z0-9]*)\\s*(?:((?:\\\\in|\\\\epsilon|\\\\varepsilon|∈|ε|ϵ|∊|in|=|:)(?![A-Za-z]).*))?",
            Pattern.DOTALL);
    private static final Pattern CONSTANT_FACTOR = Pattern.compile(
            "\\s*[-+]?\\s*(?:\\d+(?:\\.\\d+)?\\s*(?:\\*|\\\\cdot|\\\\times|[·⋅×])?\\s*)?");

    private DataSum() {
    }

    /**
     * @param text    the text with the sums dropped or marked
     * @param dropped the data sums dropped, as written
     * @param refused the first sum that could not be read
     */
    record Reading(String text, List<String> dropped, Optional<Refused> refused) {
        Reading {
            dropped = List.copyOf(dropped);
        }
    }

    /** A sum that is not read, why, and what to write. */
    record Refused(String written, String reason, String detail) {
    }

    /** One sum sign with its limits as written: {@code [start, end)} of {@code text}, its index or null. */
    private record Sum(int start, int end, String index, String written) {
    }

    /** Drops the leading sums over one of {@code indices} (none: every sum is refused) and marks the rest. */
    static Reading read(String text, List<String> indices) {
        List<String> dropped = new ArrayList<>();
        Refused refused = null;
        String s = text;
        int from = 0;
        while (true) {
            Optional<Sum> found = next(s, from, indices);
            if (found.isEmpty()) {
                break;
            }
            Sum sum = found.get();
            boolean leading = CONSTANT_FACTOR.matcher(s.substring(0, sum.start())).matches()
                    && depth(s, sum.start()) == 0;
            boolean data = sum.index() != null && indices.contains(sum.index());
            if (leading && data && refused == null) {
                dropped.add(sum.written());
                s = s.substring(0, sum.start()) + s.substring(sum.end());
                from = sum.start();
                continue;
            }
            if (refused == null) {
                refused = refusal(sum, indices);
            }
            String marker = MARKER + (sum.index() == null ? "" : sum.index())
                    + (sum.end() < s.length() && s.charAt(sum.end()) == ' ' ? "" : " ");
            s = s.substring(0, sum.start()) + marker + s.substring(sum.end());
            from = sum.start() + marker.length();
        }
        return new Reading(s, dropped, Optional.ofNullable(refused));
    }

    /** Why {@code sum} is not read: no sums here, no index, another index, or a data sum not in front. */
    private static Refused refusal(Sum sum, List<String> indices) {
        String what = sum.index() == null ? "could not read the sum " + sum.written() + ", which has no index"
                : "could not read the sum over " + sum.index() + " (" + sum.written() + ")";
        if (indices.isEmpty()) {
            return new Refused(sum.written(), what, "this part asks for one formula, not a sum; leave the sum out");
        }
        String keep = "write the formula for one data point (a leading \\sum_" + indices.get(0) + " may be kept)";
        if (sum.index() == null) {
            return new Refused(sum.written(), what, keep);
        }
        if (!indices.contains(sum.index())) {
            String data = String.join(" or ", indices);
            return new Refused(sum.written(), what, "the answer is graded for one data point and only a leading"
                    + " sum over the data index " + data + " is read; if " + sum.index() + " counts the data points,"
                    + " write the sum over " + data + " or leave it out; otherwise write its terms out, one for each"
                    + " value of " + sum.index());
        }
        return new Refused(sum.written(), what, "a sum over the data is read only in front of the whole formula"
                + " (after at most a constant factor); " + keep);
    }

    /** The next sum sign at or after {@code from}, with its subscript and superscript (either order). */
    private static Optional<Sum> next(String s, int from, List<String> indices) {
        Matcher m = SIGN.matcher(s);
        if (!m.find(from)) {
            return Optional.empty();
        }
        int at = m.end();
        Matcher limits = LIMITS.matcher(s);
        if (limits.find(at)) {
            at = limits.end();
        }
        String index = null;
        if (at < s.length() && (s.charAt(at) == 'ᵢ' || s.charAt(at) == 'ₙ')) {
            index = s.charAt(at) == 'ᵢ' ? "i" : "n";
            at++;
        }
        for (int part = 0; part < 2; part++) {
            int p = skipSpaces(s, at);
            if (p >= s.length() || (s.charAt(p) != '_' && s.charAt(p) != '^')) {
                break;
            }
            boolean sub = s.charAt(p) == '_';
            int[] end = {p + 1};
            String arg = argument(s, end);
            if (arg == null) {
                break;
            }
            boolean braced = s.charAt(skipSpaces(s, p + 1)) == '{';
            if (sub && !braced && !indices.contains(arg) && indices.contains(arg.substring(0, 1))) {
                // LaTeX subscripts one character: \sum_iz is \sum_{i} z.
                arg = arg.substring(0, 1);
                end[0] = skipSpaces(s, p + 1) + 1;
            }
            at = end[0];
            if (sub) {
                index = braced ? index(arg) : arg;
            }
        }
        String written = s.substring(m.start(), at).strip().replaceAll("\\s+", " ").replace("{ ", "{")
                .replace(" }", "}");
        return Optional.of(new Sum(m.start(), at, index, written));
    }

    /** A braced argument or a run of letters and digits starting with a letter; null when there is none. */
    private static String argument(String s, int[] at) {
        int p = skipSpaces(s, at[0]);
        if (p >= s.length()) {
            return null;
        }
        if (s.charAt(p) == '{') {
            int close = LatexText.matching(s, p);
            if (close < 0) {
                return null;
            }
            at[0] = close + 1;
            return s.substring(p + 1, close);
        }
        int end = p;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)))) {
            end++;
        }
        if (end == p || !Character.isLetter(s.charAt(p))) {
            return null;
        }
        at[0] = end;
        return s.substring(p, end);
    }

    /** The index a subscript names ({@code i} of {@code i \in data}), or null when it is not one name. */
    private static String index(String subscript) {
        Matcher m = SPEC.matcher(SPACING.matcher(subscript).replaceAll(" "));
        return m.matches() ? m.group(1) : null;
    }

    private static int depth(String s, int end) {
        int depth = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return depth;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

}
