package io.tensorgrade.grader.check;

import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads answers forgiving in form and strict in value: {@code 564564}, {@code "564,564"},
 * {@code 564_564} and {@code 5.64564e5} are the same integer; {@code [12, 7, 7]}, {@code "12x7x7"},
 * {@code "12 × 7 × 12"} and {@code "(12, 7, 7)"} are shapes. Anything else throws an
 * {@link AnswerFormatException} that says which form was expected.
 */
public final class AnswerParser {

    /** What to write for an integer, for messages and answer templates. */
    public static final String INTEGER_FORM = "a whole number, e.g. 123456 (123,456 or 1.23456e5 also work)";
    /** What to write for a real number. */
    public static final String NUMBER_FORM = "a number, e.g. 0.25, 1.5e-3 or 3/4";
    /** What to write for a shape. */
    public static final String SHAPE_FORM = "a list of sizes, e.g. [3, 32, 32] (3x32x32 also works)";

    private static final Pattern GROUPED = Pattern.compile("[+-]?[1-9]\\d{0,2}([,' \\u00a0\\u202f]\\d{3})+(\\.\\d*)?");
    private static final Pattern UNDERSCORED = Pattern.compile("[+-]?\\d+(_\\d+)+(\\.\\d*)?");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern TIMES_TEN = Pattern.compile(
            "([+-]?(?:\\d+\\.?\\d*|\\.\\d+))\\s*(?:[x×*]|\\\\times|\\\\cdot)\\s*10\\s*(?:\\^|\\*\\*)\\s*\\{?([+-]?\\d+)\\}?");
    private static final Pattern FRACTION = Pattern.compile("([+-]?\\d+)\\s*/\\s*(\\d+)");
    private static final Pattern SHAPE_SEPARATOR = Pattern.compile("\\s*[x×X*,]\\s*|\\s+");
    private static final int MAX_SHAPE_RANK = 16;

    private AnswerParser() {
    }

    /** An integer answer. */
    public static Value.Int integer(YamlNode node) {
        String text = scalarText(node, "an integer", INTEGER_FORM);
        BigDecimal d = decimal(text);
        if (d == null) {
            throw new AnswerFormatException(cannotRead(text, "an integer", INTEGER_FORM));
        }
        BigInteger whole;
        try {
            whole = d.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new AnswerFormatException("'" + text + "' is not a whole number; expected " + INTEGER_FORM + ".");
        }
        if (whole.bitLength() > 62) {
            throw new AnswerFormatException("'" + text + "' is too large to be a plausible answer.");
        }
        return Value.of(whole.longValue());
    }

    /** A real-number answer; fractions such as {@code 3/4} are allowed. */
    public static Value.Real number(YamlNode node) {
        String text = scalarText(node, "a number", NUMBER_FORM);
        Matcher f = FRACTION.matcher(text);
        if (f.matches()) {
            BigDecimal den = new BigDecimal(f.group(2));
            if (den.signum() == 0) {
                throw new AnswerFormatException("'" + text + "' divides by zero; expected " + NUMBER_FORM + ".");
            }
            return Value.of(new BigDecimal(f.group(1)).divide(den, MathContext.DECIMAL64).doubleValue());
        }
        BigDecimal d = decimal(text);
        if (d == null) {
            throw new AnswerFormatException(cannotRead(text, "a number", NUMBER_FORM));
        }
        double v = d.doubleValue();
        if (!Double.isFinite(v)) {
            throw new AnswerFormatException("'" + text + "' is out of range; expected " + NUMBER_FORM + ".");
        }
        return Value.of(v);
    }

    /** A shape: a YAML list of sizes, one size, or text such as {@code 7x7x12} or {@code (12, 7, 7)}. */
    public static Value.Shape shape(YamlNode node) {
        List<String> tokens = new ArrayList<>();
        String shown;
        if (node instanceof YamlList list) {
            shown = list.flow();
            for (YamlNode item : list.items()) {
                if (!(item instanceof YamlScalar s) || !(s.isNumber() || s.type() == YamlScalar.Type.STRING)) {
                    throw new AnswerFormatException("The shape " + shown + " contains " + item.describe()
                            + "; expected " + SHAPE_FORM + ".");
                }
                tokens.add(s.text().strip());
            }
        } else {
            shown = scalarText(node, "a shape", SHAPE_FORM);
            String inner = stripBrackets(shown);
            if (!inner.isEmpty()) {
                tokens.addAll(List.of(SHAPE_SEPARATOR.split(inner, -1)));
            }
        }
        if (tokens.isEmpty() || tokens.size() > MAX_SHAPE_RANK) {
            throw new AnswerFormatException(cannotRead(shown, "a shape", SHAPE_FORM));
        }
        List<Integer> dims = new ArrayList<>();
        for (String token : tokens) {
            dims.add(size(token, shown));
        }
        return new Value.Shape(dims);
    }

    private static int size(String token, String shown) {
        BigDecimal d = decimal(token);
        if (d != null && d.signum() >= 0 && d.compareTo(BigDecimal.valueOf(1_000_000_000)) < 0) {
            try {
                return d.intValueExact();
            } catch (ArithmeticException e) {
                // not integral: reported below
            }
        }
        throw new AnswerFormatException("'" + shown + "' is not a shape: '" + token
                + "' is not a size (sizes are whole numbers >= 0); expected " + SHAPE_FORM + ".");
    }

    /** The decimal value of {@code text} in any accepted notation, or null when it is not a number. */
    static BigDecimal decimal(String raw) {
        String text = raw.strip();
        if (GROUPED.matcher(text).matches()) {
            text = text.replaceAll("[,' \\u00a0\\u202f]", "");
        } else if (UNDERSCORED.matcher(text).matches()) {
            text = text.replace("_", "");
        }
        Matcher m = TIMES_TEN.matcher(text);
        if (m.matches()) {
            text = m.group(1) + "e" + m.group(2);
        }
        if (!DECIMAL.matcher(text).matches()) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
            // Refuse absurd exponents before anyone calls toBigIntegerExact on them.
            return Math.abs((long) d.precision() - d.scale()) > 400 ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String scalarText(YamlNode node, String what, String form) {
        if (node instanceof YamlScalar s && !s.isNull() && s.type() != YamlScalar.Type.BOOLEAN) {
            if (s.type() == YamlScalar.Type.INTEGER && (s.text().startsWith("0x") || s.text().startsWith("0o"))) {
                throw new AnswerFormatException("'" + s.text() + "' is not a decimal number; expected " + form + ".");
            }
            return s.text().strip();
        }
        throw new AnswerFormatException("Expected " + what + ", found " + node.describe() + "; write " + form + ".");
    }

    private static String stripBrackets(String text) {
        String t = text.strip();
        if (t.startsWith("torch.Size(") && t.endsWith(")")) {
            t = t.substring("torch.Size(".length(), t.length() - 1).strip();
        }
        if (t.length() >= 2 && "[({".indexOf(t.charAt(0)) >= 0 && "])}".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(1, t.length() - 1).strip();
        }
        // A trailing comma is how Python writes a one-element tuple: (7,)
        return t.endsWith(",") ? t.substring(0, t.length() - 1).strip() : t;
    }

    private static String cannotRead(String text, String what, String form) {
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return "Could not read '" + shown + "' as " + what + "; expected " + form + ".";
    }
}
