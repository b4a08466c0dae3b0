package io.tensorgrade.grader.check;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers pasted from notebook markdown, as plain text: {@code $$7 \times 7 \times 12$$} becomes
 * {@code 7 × 7 × 12}, {@code \(565\,344\)} becomes {@code 565 344}, {@code \frac{3}{4}} becomes
 * {@code ((3)/(4))}, a {@code bmatrix} becomes a nested list. Text without {@code $} or a backslash is
 * returned as it is. Unknown commands are kept, so the reader that follows names them.
 */
public final class LatexText {

    private static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("times", "×"), Map.entry("cdot", "·"), Map.entry("ast", "*"), Map.entry("div", "/"),
            Map.entry("approx", "≈"), Map.entry("sim", "∼"), Map.entry("simeq", "≃"), Map.entry("cong", "≅"),
            Map.entry("lfloor", "⌊"), Map.entry("rfloor", "⌋"), Map.entry("lceil", "⌈"), Map.entry("rceil", "⌉"),
            Map.entry("left", ""), Map.entry("right", ""), Map.entry("big", ""), Map.entry("Big", ""),
            Map.entry("bigl", ""), Map.entry("bigr", ""), Map.entry("Bigl", ""), Map.entry("Bigr", ""),
            Map.entry("displaystyle", ""), Map.entry("quad", " "), Map.entry("qquad", " "),
            Map.entry("lbrack", "["), Map.entry("rbrack", "]"), Map.entry("lbrace", "{"), Map.entry("rbrace", "}"));
    /** Commands whose braced argument is plain text: {@code \text{FLOPs}} is {@code FLOPs}. */
    private static final Set<String> WRAPPERS = Set.of("text", "textrm", "textbf", "mathrm", "mathit", "mathbf",
            "operatorname", "boldsymbol");
    private static final Set<String> FRACTIONS = Set.of("frac", "dfrac", "tfrac");
    private static final Pattern SIMPLE_FRACTION = Pattern.compile(
            "\\(\\(([+-]?\\d+(?:\\.\\d+)?)\\)/\\(([+-]?\\d+(?:\\.\\d+)?)\\)\\)");
    private static final Pattern MATRIX = Pattern.compile(
            "\\\\begin\\s*\\{([pbBvV]?matrix)\\}(.*?)\\\\end\\s*\\{\\1\\}", Pattern.DOTALL);

    private LatexText() {
    }

    /** Whether {@code text} looks like LaTeX (has {@code $} or a backslash). */
    public static boolean isLatex(String text) {
        return text.indexOf('$') >= 0 || text.indexOf('\\') >= 0;
    }

    /** {@code text} without its LaTeX: math delimiters dropped, commands replaced, braces as parentheses. */
    public static String plain(String text) {
        String s = unicode(text);
        if (!isLatex(s)) {
            return s;
        }
        s = MATRIX.matcher(s).replaceAll(m -> Matcher.quoteReplacement(matrix(m.group(2))));
        s = s.replace("$", "").replace("\\(", " ").replace("\\)", " ").replace("\\[", " ").replace("\\]", " ");
        s = commands(s).strip();
        // A tie (~) is a space in LaTeX; one that starts the value (after nothing, '=' or ':') is "about".
        StringBuilder out = new StringBuilder(s.length());
        char last = '=';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean marker = last == '=' || last == ':' || i + 1 < s.length() && s.charAt(i + 1) == '=';
            out.append(c == '~' && !marker ? ' ' : c == '{' ? '(' : c == '}' ? ')' : c);
            last = Character.isWhitespace(c) ? last : c;
        }
        return out.toString().strip();
    }

    /** Unicode forms every reader accepts: the minus sign U+2212 as {@code -}, {@code ²} and {@code ³} as powers. */
    static String unicode(String text) {
        return text.replace('\u2212', '-').replace("²", "^2").replace("³", "^3");
    }

    /** {@code 0 & 1 \\ 2 & 3} as {@code [[0, 1], [2, 3]]}. */
    private static String matrix(String body) {
        StringBuilder sb = new StringBuilder("[");
        String[] rows = body.strip().split("\\\\\\\\");
        boolean first = true;
        for (String row : rows) {
            if (row.isBlank()) {
                continue;
            }
            sb.append(first ? "[" : ", [");
            first = false;
            String[] cells = row.split("&");
            for (int i = 0; i < cells.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(cells[i].strip());
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    private static String commands(String s) {
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
                    // \, \; \: \  are spaces (565\,344 is grouped like 565 344); \! is none; \{ \} are braces.
                    char next = s.charAt(i + 1);
                    out.append(next == '{' || next == '}' || next == '%' ? String.valueOf(next)
                            : next == '!' ? "" : " ");
                    i += 2;
                    continue;
                }
                String name = s.substring(i + 1, end);
                int[] at = {end};
                String replaced = command(name, s, at);
                if (replaced != null && FRACTIONS.contains(name)) {
                    replaced = fraction(replaced, out, s.substring(at[0]));
                }
                out.append(replaced == null ? s.substring(i, end) : replaced);
                i = at[0];
            } else if (c == '_' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                // T_{FLOP} is the name T_FLOP.
                int close = matching(s, i + 1);
                if (close < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                out.append('_').append(commands(s.substring(i + 2, close)).replace(" ", ""));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The replacement of {@code \name}, consuming its arguments by moving {@code at[0]}; null when unknown. */
    private static String command(String name, String s, int[] at) {
        if (COMMANDS.containsKey(name)) {
            return COMMANDS.get(name);
        }
        if (name.equals("mathbb")) {
            String arg = argument(s, at);
            return arg == null ? null : arg.equals("R") ? "ℝ" : arg;
        }
        if (WRAPPERS.contains(name)) {
            return argument(s, at);
        }
        if (FRACTIONS.contains(name)) {
            String top = argument(s, at);
            String bottom = top == null ? null : argument(s, at);
            return bottom == null ? null : "((" + top + ")/(" + bottom + "))";
        }
        return null;
    }

    /**
     * {@code ((1)/(2))} as {@code 1/2} where nothing binds to it more tightly than a division would, so that a
     * matrix entry {@code \frac{1}{2}} reads as the number 1/2 and not as a nested list.
     */
    private static String fraction(String bracketed, CharSequence before, String after) {
        Matcher m = SIMPLE_FRACTION.matcher(bracketed);
        if (!m.matches()) {
            return bracketed;
        }
        String prev = before.toString().strip();
        char last = prev.isEmpty() ? ' ' : prev.charAt(prev.length() - 1);
        boolean tight = Character.isDigit(last) || "./*×·)^".indexOf(last) >= 0 || after.strip().startsWith("^");
        return tight ? bracketed : m.group(1) + "/" + m.group(2);
    }

    /** A braced argument (or one character) from {@code at[0]}, already plain; null when there is none. */
    private static String argument(String s, int[] at) {
        int i = at[0];
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (i >= s.length()) {
            return null;
        }
        if (s.charAt(i) != '{') {
            at[0] = i + 1; // \frac12 is \frac{1}{2}
            return String.valueOf(s.charAt(i));
        }
        int close = matching(s, i);
        if (close < 0) {
            return null;
        }
        at[0] = close + 1;
        return commands(s.substring(i + 1, close));
    }

    /** The index of the brace that closes the one at {@code open}, or -1 when it is not closed. */
    public static int matching(String s, int open) {
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
}
