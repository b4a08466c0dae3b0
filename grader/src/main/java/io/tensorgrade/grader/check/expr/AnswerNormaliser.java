package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.check.LatexText;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a formula as students write it (plain text, LaTeX pasted from their notes, with a left-hand side)
 * into the syntax of {@link Expression}: {@code $O = \left\lfloor \frac{I + 2P - K}{S} \right\rfloor + 1$}
 * becomes {@code ⌊((I + 2P - K)/(S))⌋ + 1}; {@code math.floor(x)} becomes {@code floor(x)}, and with a part's
 * names and data index the leading data sum ({@link DataSum}) and index notations ({@link IndexedNames}) are
 * read. It only rewrites notation; the parser still reports anything it cannot read, pointing into the
 * rewritten text.
 */
final class AnswerNormaliser {
    private static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("cdot", "*"), Map.entry("times", "*"), Map.entry("ast", "*"), Map.entry("div", "/"),
            Map.entry("lfloor", "⌊"), Map.entry("rfloor", "⌋"), Map.entry("lceil", "⌈"), Map.entry("rceil", "⌉"),
            Map.entry("sigma", "σ"), Map.entry("pi", "π"), Map.entry("left", ""), Map.entry("right", ""),
            Map.entry("big", ""), Map.entry("Big", ""), Map.entry("bigg", ""), Map.entry("Bigg", ""),
            Map.entry("quad", " "), Map.entry("qquad", " "), Map.entry("lbrace", "("), Map.entry("rbrace", ")"),
            Map.entry("space", " "), Map.entry("bigl", ""), Map.entry("bigr", ""), Map.entry("Bigl", ""),
            Map.entry("Bigr", ""), Map.entry("biggl", ""), Map.entry("biggr", ""), Map.entry("displaystyle", ""),
            Map.entry("lbrack", "["), Map.entry("rbrack", "]"));
    /** Commands that are function names; {@code \exp} reads as {@code exp}. */
    private static final Set<String> FUNCTIONS = Set.of("exp", "log", "ln", "max", "min", "sin", "cos", "tan",
            "tanh", "sqrt", "floor", "ceil");
    /** Commands whose braced argument is plain text: {@code \text{floor}} reads as {@code floor}. */
    private static final Set<String> WRAPPERS = Set.of("text", "mathrm", "mathit", "operatorname", "mathbf",
            "textrm", "boldsymbol");
    private static final Set<String> FRACTIONS = Set.of("frac", "dfrac", "tfrac");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** {@code math.floor(}, {@code np.floor(}: the module is dropped before a built-in's name. */
    private static final Pattern MODULE = Pattern.compile(
            "(?<![A-Za-z0-9_.])(?:math|numpy|np|torch|sympy|sp)\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)(?=\\s*\\()");

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
        return read(answer, names, Builtin.names(), sumIndex == null ? List.of() : List.of(sumIndex)).text();
    }

    /**
     * The formula to parse, with notes on the notations rewritten ({@code read w(1,2) as w12}) and the first
     * sum that could not be read (its place in the text is marked with {@link DataSum#MARKER}).
     *
     * @param functions names that are calls before a parenthesis (built-ins and the part's aliases)
     * @param indices   the data indices of a per-point answer (none: sums are left alone)
     */
    static Normalised read(String answer, Set<String> names, Set<String> functions, List<String> indices) {
        String s = rightHandSide(answer.strip().replace("$", ""));
        Set<String> notes = new LinkedHashSet<>();
        Optional<DataSum.Refused> refused = Optional.empty();
        if (!indices.isEmpty()) {
            DataSum.Reading sums = DataSum.read(s, indices);
            s = sums.text();
            refused = sums.refused();
            sums.dropped().forEach(d -> notes.add("the leading sum " + d + " is dropped: the formula is graded for"
                    + " one data point"));
        }
        s = MODULE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                Builtin.byName(m.group(1)) != null ? m.group(1) : m.group()));
        IndexedNames.Rewritten indexed = IndexedNames.rewrite(s, names, functions, indices);
        notes.addAll(indexed.notes());
        s = latex(indexed.text());
        s = s.replace('{', '(').replace('}', ')');
        return new Normalised(mergeSubscripts(s, names, indices, notes).strip(), List.copyOf(notes), refused);
    }

    /** A normalised answer; see {@link #read}. */
    record Normalised(String text, List<String> notes, Optional<DataSum.Refused> refused) {
        Normalised {
            notes = List.copyOf(notes);
        }
    }

    /** Drops a left-hand side such as {@code O =} or {@code \frac{dE}{dw} =}: the text after a lone {@code =}. */
    static String rightHandSide(String s) {
        List<Integer> signs = equalsSigns(s);
        // Several: not a left-hand side; the parser explains '='.
        return signs.size() == 1 ? s.substring(signs.get(0) + 1) : s;
    }

    /** Where {@code s} has a lone {@code =} outside braces (not {@code ==}, {@code <=}, nor {@code \sum_{i=1}}). */
    static List<Integer> equalsSigns(String s) {
        List<Integer> out = new java.util.ArrayList<>();
        int braces = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            braces += c == '{' ? 1 : c == '}' ? -1 : 0;
            boolean comparison = (i + 1 < s.length() && s.charAt(i + 1) == '=')
                    || (i > 0 && "<>!=".indexOf(s.charAt(i - 1)) >= 0);
            if (c == '=' && !comparison && braces == 0) {
                out.add(i);
            }
        }
        return out;
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
                int close = LatexText.matching(s, i + 1);
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
            int close = LatexText.matching(s, i);
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

    private static String mergeSubscripts(String s, Set<String> names, List<String> indices, Set<String> notes) {
        Matcher m = IDENTIFIER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group();
            String merged = word.replace("_", "");
            String read = word;
            if (!names.contains(word)) {
                if (names.contains(merged)) {
                    read = merged;
                } else {
                    read = pointValue(word, merged, names, indices, notes);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(read));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code y2} for {@code y2i} when only {@code y2} is declared and i is a data index; else {@code word}. */
    private static String pointValue(String word, String merged, Set<String> names, List<String> indices,
                                     Set<String> notes) {
        for (String index : indices) {
            String point = merged.substring(0, Math.max(0, merged.length() - index.length()));
            if (merged.endsWith(index) && names.contains(point)) {
                notes.add("read " + word + " as " + point + ", its value at data point " + index);
                return point;
            }
        }
        return word;
    }
}
