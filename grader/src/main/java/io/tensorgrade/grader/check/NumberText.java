package io.tensorgrade.grader.check;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number written with its working, evaluated exactly (as a fraction): {@code 282240 + 264600 + 864},
 * {@code (3*6+4*9+6)*25}, {@code 7^2 * 30 * 4^2 * 12}, {@code 12 x 7 x 7}, {@code [(3*64*11*11) + 64]},
 * {@code floor((14 + 2 - 4)/2) + 1}; literals may be grouped ({@code 2,468,544}) and carry a suffix
 * ({@code 61.1M}, {@code 565k}, {@code 1.3 billion}). {@code x}, {@code ×} and {@code ·} multiply.
 * The value is a {@link Fraction}.
 */
final class NumberText {

    /** Why a text is not a number, as a clause: {@code unexpected ',' at column 5}. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The value of a text.
     *
     * @param step     the place value of the last digit of its coarsest literal (1 for {@code 564756}, 100,000
     *                 for {@code 61.1M})
     * @param coarse   the same with trailing zeros counted as unwritten digits (1,000 for {@code 565000}), for
     *                 answers marked as estimates
     * @param suffixed whether a literal had a suffix such as {@code M}
     * @param single   whether the text is one literal (no operation: its digits say how precise it is)
     */
    record Evaluated(Fraction value, BigDecimal step, BigDecimal coarse, boolean suffixed, boolean single) {
    }

    private static final Pattern GROUPED = Pattern.compile(
            "[1-9]\\d{0,2}(?<sep>[,'\\u00a0\\u202f_])\\d{3}(?:\\k<sep>\\d{3})*(?:\\.\\d+)?(?!\\d)");
    private static final Pattern UNDERSCORED = Pattern.compile("\\d+(?:_\\d+)+(?:\\.\\d+)?");
    private static final Pattern PLAIN = Pattern.compile("(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Map<String, Integer> SUFFIXES = Map.ofEntries(
            Map.entry("k", 3), Map.entry("K", 3), Map.entry("M", 6), Map.entry("G", 9), Map.entry("B", 9),
            Map.entry("T", 12), Map.entry("thousand", 3), Map.entry("million", 6), Map.entry("mio", 6),
            Map.entry("mn", 6), Map.entry("billion", 9), Map.entry("bn", 9), Map.entry("trillion", 12));

    private final String text;
    private int pos;
    private BigDecimal step;
    private BigDecimal firstCoarse;
    private int literals;
    private int operations;
    private boolean suffixed;

    private NumberText(String text) {
        this.text = text;
    }

    /** The value of {@code text}; throws {@link Unreadable} saying why it is not a number. */
    static Evaluated evaluate(String text) {
        NumberText p = new NumberText(text);
        p.skip();
        if (p.pos >= text.length()) {
            throw new Unreadable("there is no number");
        }
        Fraction v = p.expression();
        p.skip();
        if (p.pos < text.length()) {
            throw p.unexpected();
        }
        BigDecimal coarse = p.literals == 1 ? p.firstCoarse : p.step;
        return new Evaluated(v, p.step, coarse, p.suffixed, p.literals == 1 && p.operations == 0);
    }

    private Fraction expression() {
        Fraction v = term();
        while (true) {
            skip();
            char c = peek();
            if (c == '+' || c == '-') {
                pos++;
                operations++;
                Fraction r = term();
                v = v.plus(c == '+' ? r : r.negate());
            } else if (c == '–' || c == '—' || c == '±') {
                throw new Unreadable("'" + c + "' at column " + (pos + 1) + " does not read as a minus sign"
                        + (c == '±' ? "" : " (it may mean a range)") + "; write - for a subtraction");
            } else {
                return v;
            }
        }
    }

    private Fraction term() {
        Fraction v = factor();
        while (true) {
            skip();
            char c = peek();
            String word = word();
            if (c == '/' || c == '÷') {
                pos++;
                operations++;
                v = v.dividedBy(factor());
            } else if ("*×·⋅∙".indexOf(c) >= 0 && !text.startsWith("**", pos) || word.equals("x")
                    || word.equals("X")) {
                pos++;
                operations++;
                v = v.times(factor());
            } else if ("([{⌊⌈".indexOf(c) >= 0 || word.equals("floor") || word.equals("ceil")) {
                operations++;
                v = v.times(factor()); // 2(3 + 4)
            } else {
                return v;
            }
        }
    }

    private Fraction factor() {
        skip();
        char c = peek();
        if (c == '-' || c == '+') {
            pos++;
            Fraction v = factor();
            return c == '-' ? v.negate() : v;
        }
        Fraction base = atom();
        skip();
        if (peek() == '^' || text.startsWith("**", pos)) {
            pos += peek() == '^' ? 1 : 2;
            operations++;
            return base.pow(factor());
        }
        return base;
    }

    private Fraction atom() {
        skip();
        char c = peek();
        if (Character.isDigit(c) || c == '.') {
            return literal();
        }
        String word = word();
        if (word.equals("floor") || word.equals("ceil")) {
            pos += word.length();
            operations++;
            skip();
            if (peek() != '(') {
                throw new Unreadable("'" + word + "' at column " + (pos + 1 - word.length()) + " needs parentheses");
            }
            return atom().round(word.equals("ceil"));
        }
        String close = switch (c) {
            case '(' -> ")";
            case '[' -> "]";
            case '{' -> "}";
            case '⌊' -> "⌋";
            case '⌈' -> "⌉";
            default -> null;
        };
        if (close == null) {
            throw pos >= text.length() ? new Unreadable("it ends where a number belongs") : unexpected();
        }
        int open = pos++;
        operations += c == '⌊' || c == '⌈' ? 1 : 0;
        Fraction v = expression();
        skip();
        if (!text.startsWith(close, pos)) {
            throw new Unreadable("'" + c + "' at column " + (open + 1) + " is never closed");
        }
        pos++;
        return c == '⌊' || c == '⌈' ? v.round(c == '⌈') : v;
    }

    private Fraction literal() {
        String digits = match(GROUPED);
        String plain = digits == null ? null : digits.replaceAll("[,'\\u00a0\\u202f_]", "");
        if (digits == null) {
            digits = match(UNDERSCORED);
            plain = digits == null ? null : digits.replace("_", "");
        }
        if (digits == null) {
            digits = match(PLAIN);
            plain = digits;
        }
        if (digits == null) {
            throw unexpected();
        }
        pos += digits.length();
        BigDecimal d = new BigDecimal(plain);
        if (Math.abs((long) d.precision() - d.scale()) > 400) {
            throw new Unreadable("'" + digits + "' is too large");
        }
        int scale = 0;
        int save = pos;
        skip();
        String word = word();
        Integer exponent = SUFFIXES.get(SUFFIXES.containsKey(word) ? word : word.toLowerCase(Locale.ROOT));
        if (word.equals("m")) {
            throw new Unreadable("m after a number means milli; write " + digits + "M or " + digits + " million");
        }
        if (exponent != null && !word.equals("x")) {
            pos += word.length();
            scale = exponent;
            suffixed = true;
        } else {
            pos = save;
        }
        BigDecimal value = d.scaleByPowerOfTen(scale);
        BigDecimal written = BigDecimal.ONE.scaleByPowerOfTen(scale - d.scale());
        BigDecimal coarse = BigDecimal.ONE.scaleByPowerOfTen(scale - d.stripTrailingZeros().scale());
        step = step == null || written.compareTo(step) > 0 ? written : step;
        if (literals++ == 0) {
            firstCoarse = coarse.max(written);
        }
        return Fraction.of(value);
    }

    private String match(Pattern p) {
        Matcher m = p.matcher(text).region(pos, text.length());
        return m.lookingAt() ? m.group() : null;
    }

    /** The run of letters at the current position ("" when none). */
    private String word() {
        int end = pos;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return text.substring(pos, end);
    }

    private Unreadable unexpected() {
        String word = word();
        if (!word.isEmpty()) {
            return new Unreadable("'" + word + "' at column " + (pos + 1) + " is not a number or an operator");
        }
        return new Unreadable("unexpected '" + text.charAt(pos) + "' at column " + (pos + 1));
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
