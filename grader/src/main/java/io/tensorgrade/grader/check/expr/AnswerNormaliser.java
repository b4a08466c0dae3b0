package io.tensorgrade.grader.check.expr;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a formula as students write it (plain text, LaTeX pasted from their notes, with a left-hand side)
 * into the syntax of {@link Expression}: {@code $O = \left\lfloor \frac{I + 2P - K}{S} \right\rfloor + 1$}
 * becomes {@code ⌊((I + 2P - K)/(S))⌋ + 1}. It only rewrites notation; the parser still reports anything
 * it cannot read, pointing into the rewritten text.
 */
final class AnswerNormaliser {
    private static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("cdot", "*"), Map.entry("times", "*"), Map.entry("ast", "*"), Map.entry("div", "/"),
            Map.entry("lfloor", "⌊"), Map.entry("rfloor", "⌋"), Map.entry("lceil", "⌈"), Map.entry("rceil", "⌉"),
            Map.entry("sigma", "σ"), Map.entry("pi", "π"), Map.entry("left", ""), Map.entry("right", ""),
            Map.entry("big", ""), Map.entry("Big", ""), Map.entry("bigg", ""), Map.entry("Bigg", ""),
            Map.entry("quad", " "), Map.entry("qquad", " "), Map.entry("lbrace", "("), Map.entry("rbrace", ")"));
    /** Commands that are function names; {@code \exp} reads as {@code exp}. */
    private static final Set<String> FUNCTIONS = Set.of("exp", "log", "ln", "max", "min", "sin", "cos", "tan",
            "tanh", "sqrt", "floor", "ceil");
    /** Commands whose braced argument is plain text: {@code \text{floor}} reads as {@code floor}. */
    private static final Set<String> WRAPPERS = Set.of("text", "mathrm", "mathit", "operatorname", "mathbf",
            "textrm", "boldsymbol");
    private static final Set<String> FRACTIONS = Set.of("frac", "dfrac", "tfrac");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private AnswerNormaliser() {
    }

    /**
     * The formula to parse.
     *
     * @param names    the declared variables: {@code w_12} is read as {@code w12} when only the latter is declared
     * @param sumIndex the index of a sum over data points that the rubric grades per point (e.g. {@code i}),
     *                 or null: a leading {@code sum_i} is dropped and {@code y2i} / {@code y_{2i}} read as
     *                 {@code y2} when only that is declared
     */
    static String normalise(String answer, Set<String> names, String sumIndex) {
        String s = rightHandSide(answer.strip().replace("$", ""));
        if (sumIndex != null) {
            s = dropSum(s, sumIndex);
        }
        s = latex(s);
        s = s.replace('{', '(').replace('}', ')');
        return mergeSubscripts(s, names, sumIndex).strip();
    }

    /** Drops a leading {@code sum_i}, {@code \sum_{i}}, {@code Σ_i} or {@code ∑_i}. */
    private static String dropSum(String s, String index) {
        Pattern sum = Pattern.compile("^\\s*(?:\\\\sum|sum|Σ|∑)\\s*_\\s*(?:\\{\\s*" + Pattern.quote(index)
                + "\\s*\\}|" + Pattern.quote(index) + "\\b)");
        return sum.matcher(s).replaceFirst("");
    }

    /** Drops a left-hand side such as {@code O =} or {@code \frac{dE}{dw} =}: the text after a lone {@code =}. */
    static String rightHandSide(String s) {
        int at = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean comparison = (i + 1 < s.length() && s.charAt(i + 1) == '=')
                    || (i > 0 && "<>!=".indexOf(s.charAt(i - 1)) >= 0);
            if (c == '=' && !comparison) {
                if (at >= 0) {
                    return s; // several: not a left-hand side; the parser explains '='
                }
                at = i;
            }
        }
        return at < 0 ? s : s.substring(at + 1);
    }

    private static String latex(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                int end = i + 1;
                while (end < s.length() && Character.isLetter(s.charAt(end))) {
                    end++;
                }
                if (end == i + 1) {
                    // \, \; \! \  are spacing; \{ \} are braces.
                    char next = s.charAt(i + 1);
                    out.append(next == '{' ? "(" : next == '}' ? ")" : " ");
                    i += 2;
                    continue;
                }
                String name = s.substring(i + 1, end);
                int[] consumed = {end};
                String replaced = command(name, s, consumed);
                if (replaced == null) {
                    out.append(s, i, end); // unknown: left for the parser to report
                } else {
                    out.append(replaced);
                }
                i = consumed[0];
            } else if ((c == '_' || c == '^') && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                int close = matching(s, i + 1);
                if (close < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                String inner = latex(s.substring(i + 2, close));
                // A subscript is part of the name (w_{12} is w12); a superscript is a power.
                out.append(c == '_' ? inner.replace(" ", "") : "^(" + inner + ")");
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The replacement for {@code \name}, consuming its arguments by moving {@code at[0]}; null when unknown. */
    private static String command(String name, String s, int[] at) {
        if (COMMANDS.containsKey(name)) {
            return COMMANDS.get(name);
        }
        if (FUNCTIONS.contains(name)) {
            return name;
        }
        if (WRAPPERS.contains(name) || name.equals("sqrt") || FRACTIONS.contains(name)) {
            String first = argument(s, at);
            if (first == null) {
                return null;
            }
            if (WRAPPERS.contains(name)) {
                return first;
            }
            if (name.equals("sqrt")) {
                return "sqrt(" + first + ")";
            }
            String second = argument(s, at);
            return second == null ? null : "((" + first + ")/(" + second + "))";
        }
        return null;
    }

    /** A braced argument (or a single character) after {@code at[0]}, already normalised; null when absent. */
    private static String argument(String s, int[] at) {
        int i = at[0];
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (i >= s.length()) {
            return null;
        }
        if (s.charAt(i) == '{') {
            int close = matching(s, i);
            if (close < 0) {
                return null;
            }
            at[0] = close + 1;
            return latex(s.substring(i + 1, close));
        }
        // \frac12 is \frac{1}{2}
        at[0] = i + 1;
        return String.valueOf(s.charAt(i));
    }

    private static int matching(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '{') {
                depth++;
            } else if (s.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String mergeSubscripts(String s, Set<String> names, String sumIndex) {
        Matcher m = IDENTIFIER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group();
            String merged = word.replace("_", "");
            String read = word;
            if (!names.contains(word)) {
                if (names.contains(merged)) {
                    read = merged;
                } else if (sumIndex != null && merged.endsWith(sumIndex)
                        && names.contains(merged.substring(0, merged.length() - sumIndex.length()))) {
                    read = merged.substring(0, merged.length() - sumIndex.length());
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(read));
        }
        m.appendTail(out);
        return out.toString();
    }
}
