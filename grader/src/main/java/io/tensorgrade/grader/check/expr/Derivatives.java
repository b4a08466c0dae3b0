package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.check.LatexText;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds derivatives left in a gradient answer: {@code dE/dz1 * dz1/dw(x,1)}, {@code dE/dw12},
 * {@code \frac{\partial E}{\partial z_1}}, {@code ∂E/∂w}, {@code d(z_a - y_ai)^2 / dw(x,1)}. Such an answer
 * has not carried the chain rule through; it is graded as that, not as an unknown variable {@code dE}. A
 * {@code d} counts as a derivative sign only when {@code d...} is no declared name nor a product of them.
 */
final class Derivatives {
    private static final Pattern FRACTION = Pattern.compile("\\\\[dt]?frac(?![A-Za-z])");
    private static final Pattern UPRIGHT_D = Pattern.compile("\\\\(?:mathrm|text|operatorname|mathit)\\s*\\{\\s*d\\s*\\}");
    private static final Pattern PARTIAL = Pattern.compile("\\\\partial(?![A-Za-z])\\s*");
    /** A short name after {@code d}, such as E, z1, wx1, y2i: long words (delta) are not read as derivatives. */
    private static final Pattern SHORT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,2}");
    private static final int SHOWN = 4;

    private Derivatives() {
    }

    /** The derivatives left in {@code answer}'s right-hand side, as written (spaces dropped); empty when none. */
    static List<String> find(String answer, Set<String> names, List<String> indices) {
        String s = lastSide(answer.replace("$", ""));
        s = PARTIAL.matcher(UPRIGHT_D.matcher(s).replaceAll("d")).replaceAll("∂");
        Set<String> found = new LinkedHashSet<>();
        boolean[] used = new boolean[s.length() + 1];
        fractions(s, names, indices, found, used);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '/' && !used[i]) {
                int end = denominator(s, i + 1, names, indices);
                if (end > 0) {
                    found.add(compact(s.substring(numerator(s, i), end)));
                    mark(used, numerator(s, i), end);
                }
            }
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '∂' && !used[i]) {
                int end = wordEnd(s, i + 1);
                found.add(compact(s.substring(i, end)));
                mark(used, i, end);
            }
        }
        return List.copyOf(found);
    }

    /** The verdict's text: which derivatives are left and what the formula may use instead. */
    static String feedback(List<String> found, Domain domain) {
        List<String> shown = found.size() <= SHOWN ? found : found.subList(0, SHOWN - 1);
        String list = shown.size() == found.size() ? joinAnd(shown)
                : String.join(", ", shown) + " and " + (found.size() - shown.size()) + " more";
        String free = joinAnd(domain.ranges().stream().map(Range::name).toList());
        String derived = domain.definitions().isEmpty() ? ""
                : " (and " + joinAnd(domain.definitions().stream().map(Definition::name).toList()) + ")";
        return "The chain rule is not carried through: " + list + (found.size() == 1 ? " is left as a derivative."
                : " are left as derivatives.") + " Carry the chain rule through until the formula uses only " + free
                + derived + ", with no derivative left in it.";
    }

    private static void fractions(String s, Set<String> names, List<String> indices, Set<String> found,
                                  boolean[] used) {
        Matcher m = FRACTION.matcher(s);
        while (m.find()) {
            int[] at = {m.end()};
            String top = braced(s, at);
            String bottom = top == null ? null : braced(s, at);
            if (bottom != null && startsDerivative(top, names, indices) && startsDerivative(bottom, names, indices)) {
                found.add(unbraced(top) + "/" + unbraced(bottom));
                mark(used, m.start(), at[0]);
            }
        }
    }

    private static boolean startsDerivative(String arg, Set<String> names, List<String> indices) {
        String t = arg.replace("{", " ").replace("}", " ").strip();
        if (t.startsWith("∂")) {
            return true;
        }
        if (!t.startsWith("d")) {
            return false;
        }
        String rest = t.substring(1).strip();
        return rest.isEmpty() || rest.startsWith("(") || isDerivativeWord(word(rest), names, indices);
    }

    /** The end of a denominator {@code d...} / {@code ∂...} / {@code (d...)} starting after {@code from}; -1 if none. */
    private static int denominator(String s, int from, Set<String> names, List<String> indices) {
        int p = skip(s, from);
        int open = -1;
        if (p < s.length() && (s.charAt(p) == '(' || s.charAt(p) == '{')) {
            open = p;
            p = skip(s, p + 1);
        }
        if (p >= s.length()) {
            return -1;
        }
        int end;
        if (s.charAt(p) == '∂') {
            end = wordEnd(s, skip(s, p + 1));
        } else if (s.charAt(p) == 'd' && startsWord(s, p)
                && isDerivativeWord(word(s.substring(p + 1)), names, indices)) {
            end = wordEnd(s, p + 1);
        } else {
            return -1;
        }
        return open < 0 ? end : closing(s, open, end);
    }

    /** Whether {@code d} + {@code rest} is a derivative sign before a name rather than a name of the part. */
    private static boolean isDerivativeWord(String rest, Set<String> names, List<String> indices) {
        String merged = rest.replace("_", "");
        String whole = "d" + merged;
        if (merged.isEmpty() || names.contains(whole) || !Names.splits(whole, names, 2).isEmpty()) {
            return false;
        }
        boolean pointValue = indices.stream().anyMatch(i -> merged.endsWith(i)
                && names.contains(merged.substring(0, merged.length() - i.length())));
        return names.contains(merged) || pointValue || !Names.splits(merged, names, 2).isEmpty()
                || SHORT_NAME.matcher(merged).matches();
    }

    /** Where the numerator before the {@code /} at {@code slash} starts: a name, a group, {@code d(...)^2}. */
    private static int numerator(String s, int slash) {
        int p = slash - 1;
        while (p >= 0 && s.charAt(p) == ' ') {
            p--;
        }
        // A power: ^2 or ^{2}.
        int q = p;
        while (q >= 0 && (Character.isLetterOrDigit(s.charAt(q)) || s.charAt(q) == '}' || s.charAt(q) == '{')) {
            q--;
        }
        if (q >= 0 && q < p && s.charAt(q) == '^') {
            p = q - 1;
        }
        if (p >= 0 && s.charAt(p) == ')') {
            int depth = 0;
            for (; p >= 0; p--) {
                depth += s.charAt(p) == ')' ? 1 : s.charAt(p) == '(' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            p = Math.max(p, 0);
            int before = p - 1;
            while (before >= 0 && s.charAt(before) == ' ') {
                before--;
            }
            if (before >= 0 && (s.charAt(before) == '∂'
                    || (s.charAt(before) == 'd' && startsWord(s, before)))) {
                return before;
            }
            return p;
        }
        while (p >= 0 && (isNamePart(s.charAt(p)) || s.charAt(p) == '{' || s.charAt(p) == '}')) {
            p--;
        }
        int sign = p;
        while (sign >= 0 && s.charAt(sign) == ' ') {
            sign--;
        }
        return sign >= 0 && s.charAt(sign) == '∂' ? sign : p + 1;
    }

    /** The end of a name with its subscripts ({@code z_1}, {@code w_{(1,3)}}) and an index group ({@code w(x,1)}). */
    private static int wordEnd(String s, int from) {
        int p = from;
        while (p < s.length()) {
            char c = s.charAt(p);
            if (c == '_' && p + 1 < s.length() && s.charAt(p + 1) == '{' && LatexText.matching(s, p + 1) > 0) {
                p = LatexText.matching(s, p + 1) + 1;
            } else if (isNamePart(c)) {
                p++;
            } else {
                break;
            }
        }
        if (p > from && p < s.length() && s.charAt(p) == '(') {
            int close = s.indexOf(')', p);
            if (close > 0 && s.substring(p + 1, close).matches("[A-Za-z0-9,\\s]+")) {
                p = close + 1;
            }
        }
        return p;
    }

    /** The letters, digits and underscores at the start of {@code s}, subscript braces dropped. */
    private static String word(String s) {
        int end = wordEnd(s, 0);
        return s.substring(0, end).replaceAll("[{}()\\s,]", "");
    }

    private static int closing(String s, int open, int from) {
        char close = s.charAt(open) == '(' ? ')' : '}';
        int p = skip(s, from);
        return p < s.length() && s.charAt(p) == close ? p + 1 : from;
    }

    private static String braced(String s, int[] at) {
        int p = skip(s, at[0]);
        if (p >= s.length() || s.charAt(p) != '{') {
            return null;
        }
        int close = LatexText.matching(s, p);
        if (close < 0) {
            return null;
        }
        at[0] = close + 1;
        return s.substring(p + 1, close);
    }

    /** The text after the last lone {@code =}: in a chain {@code a = b = c} the answer is the last side. */
    private static String lastSide(String s) {
        List<Integer> signs = AnswerNormaliser.equalsSigns(s);
        return signs.isEmpty() ? s : s.substring(signs.get(signs.size() - 1) + 1);
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Whether a {@code d} at {@code p} starts a word (not the d of z1d or of the command \\delta). */
    private static boolean startsWord(String s, int p) {
        return p == 0 || !(isNamePart(s.charAt(p - 1)) || s.charAt(p - 1) == '\\');
    }

    private static int skip(String s, int p) {
        while (p < s.length() && s.charAt(p) == ' ') {
            p++;
        }
        return p;
    }

    private static void mark(boolean[] used, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(to, used.length); i++) {
            used[i] = true;
        }
    }

    /** Spaces dropped and subscript braces unwrapped: {@code ∂ w_{(x,1)}} shows as {@code ∂w(x,1)}. */
    private static String compact(String s) {
        return s.replaceAll("\\s+", "").replaceAll("_\\{([^{}]*)\\}", "_$1").replaceAll("_\\(", "(");
    }

    /** A fraction's argument shown inline: {@code \\partial{w_{(1,3)}}} is {@code ∂w(1,3)}. */
    private static String unbraced(String arg) {
        String t = compact(arg);
        while (t.contains("{")) {
            String next = t.replaceAll("\\{([^{}]*)\\}", "$1");
            if (next.equals(t)) {
                break;
            }
            t = next;
        }
        return t;
    }

    private static String joinAnd(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
