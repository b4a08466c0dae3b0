package io.tensorgrade.grader.check;

import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlScalar;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads answers forgiving in form and strict in value: {@code 564564}, {@code "564,564"}, {@code 564_564},
 * {@code 5.64564e5}, {@code 282240 + 281652 + 864 + 588} and {@code T = 564,564 FLOPs} are the same integer;
 * {@code [12, 7, 7]}, {@code "12x7x7"}, {@code "$12 \times 7 \times 7$"} and {@code "(12, 7, 7)"} are shapes.
 * LaTeX is read as plain text ({@link LatexText}), a label before the value is dropped, and a working before
 * {@code =} is checked against the value after it. Anything else throws an {@link AnswerFormatException} that
 * says what could not be read and which form was expected.
 */
public final class AnswerParser {

    /** What to write for an integer, for messages and answer templates. */
    public static final String INTEGER_FORM = "a whole number, e.g. 123456 (123,456 or 1.23456e5 also work)";
    /** What to write for a real number. */
    public static final String NUMBER_FORM = "a number, e.g. 0.25, 1.5e-3 or 3/4";
    /** What to write for a shape. */
    public static final String SHAPE_FORM = "a list of sizes, e.g. [3, 32, 32] (3x32x32 also works)";

    private static final Pattern SPACE_GROUPED = Pattern.compile("[+-]?[1-9]\\d{0,2}( \\d{3})+(\\.\\d*)?");
    private static final Pattern GROUPED = Pattern.compile("[+-]?[1-9]\\d{0,2}([,' \\u00a0\\u202f]\\d{3})+(\\.\\d*)?");
    private static final Pattern UNDERSCORED = Pattern.compile("[+-]?\\d+(_\\d+)+(\\.\\d*)?");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern SHAPE_SEPARATOR = Pattern.compile("\\s+by\\s+|\\s*[x×X*,·⋅∙]\\s*|\\s+");
    /** {@code ℝ^{12 × 7 × 7}}: a shape written as the space the tensor lives in. */
    private static final Pattern SPACE_OF = Pattern.compile("^(?:ℝ|R)\\s*\\^\\s*");
    private static final int MAX_SHAPE_RANK = 16;

    private AnswerParser() {
    }

    /** An integer answer. */
    public static Value.Int integer(YamlNode node) {
        return (Value.Int) readInteger(node).value();
    }

    /** A real-number answer; fractions such as {@code 3/4} are allowed. */
    public static Value.Real number(YamlNode node) {
        return (Value.Real) readNumber(node).value();
    }

    /** An integer answer with what its form said: an estimate ({@code 61.1M}), a unit, a working that disagrees. */
    public static Reading readInteger(YamlNode node) {
        return numeric(node, true);
    }

    /** A real-number answer with what its form said; see {@link #readInteger}. */
    public static Reading readNumber(YamlNode node) {
        return numeric(node, false);
    }

    /**
     * The text of a list answer ({@code W = [0.299, 0.587, 0.114]}, {@code $\begin{bmatrix} 1 & 0 \end{bmatrix}$})
     * as plain nested lists: LaTeX read as text, a leading {@code NAME =} or {@code LABEL:} dropped.
     */
    public static String listText(String raw) {
        return AnswerText.withoutLabel(LatexText.plain(raw.strip()));
    }

    private static Reading numeric(YamlNode node, boolean whole) {
        String what = whole ? "an integer" : "a number";
        String form = whole ? INTEGER_FORM : NUMBER_FORM;
        String raw = scalarText(node, what, form);
        oneLine(raw, form);
        String plain = AnswerText.withoutColonLabel(LatexText.plain(raw));
        List<AnswerText.Segment> segments = AnswerText.segments(plain);
        AnswerText.Segment last = segments.get(segments.size() - 1);
        if (last.text().isEmpty() && segments.size() > 1) {
            throw new AnswerFormatException("Could not read '" + shorten(raw) + "' as " + what
                    + ": there is no value after the last '='; expected " + form + ".");
        }
        Written value;
        try {
            value = Written.of(last);
        } catch (NumberText.Unreadable e) {
            // A word alone ('seven') needs no reason; a number that does not read says where it stops, in the
            // text as read when that differs from the text as written.
            boolean digits = last.text().chars().anyMatch(Character::isDigit);
            String readAs = last.text().equals(raw) ? "" : " (read as '" + shorten(last.text()) + "')";
            throw new AnswerFormatException("Could not read '" + shorten(raw) + "'" + readAs + " as " + what
                    + (digits ? ": " + e.getMessage() : "") + "; expected " + form + ".");
        }
        if (whole && !value.number().value().isWhole()) {
            throw new AnswerFormatException("'" + shorten(raw) + "' is " + value.number().value().display()
                    + ", not a whole number; expected " + form + ".");
        }
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < segments.size() - 1; i++) {
            // Across an approximate sign the student says the two differ: [(3*64*11*11) + 64] ~= 3*64*11*11.
            String note = segments.get(i + 1).approximate() ? null : working(segments.get(i), value, form);
            if (note != null && notes.isEmpty()) {
                notes.add(note);
            }
        }
        Value v;
        if (whole) {
            BigInteger n = value.number().value().numerator();
            if (n.bitLength() > 62) {
                throw new AnswerFormatException("'" + shorten(raw) + "' is too large to be a plausible answer.");
            }
            v = Value.of(n.longValue());
        } else {
            double d = value.number().value().doubleValue();
            if (!Double.isFinite(d)) {
                throw new AnswerFormatException("'" + shorten(raw) + "' is out of range; expected " + form + ".");
            }
            v = Value.of(d);
        }
        // How precisely it was written: from a literal's digits, or for a computed estimate its coarsest literal.
        NumberText.Evaluated n = value.number();
        boolean estimate = value.bare().estimate() || n.suffixed();
        double step = n.single() ? (estimate ? n.coarse() : n.step()).doubleValue()
                : estimate ? n.step().doubleValue() : 0;
        return new Reading(v, estimate, step, value.bare().unit(), notes);
    }

    /** A side of an {@code =}: the bare text and its value. */
    private record Written(AnswerText.Bare bare, NumberText.Evaluated number) {
        static Written of(AnswerText.Segment segment) {
            AnswerText.Bare bare = AnswerText.bare(segment.text(), segment.approximate());
            String t = bare.text();
            if (SPACE_GROUPED.matcher(t).matches()) {
                t = t.replace(" ", "");
            }
            return new Written(bare, NumberText.evaluate(t));
        }

        boolean agrees(Written other) {
            if (number.value().equals(other.number.value())) {
                return true;
            }
            double slack = bare.estimate() || number.suffixed() ? number.coarse().doubleValue() / 2 : 0;
            return Math.abs(number.value().doubleValue() - other.number.value().doubleValue()) <= slack * (1 + 1e-9);
        }
    }

    /**
     * Checks a working before {@code =} against the value: null when it agrees or is not arithmetic (a name, a
     * formula in letters), a note when it gives another number; throws when it is neither.
     */
    private static String working(AnswerText.Segment segment, Written value, String form) {
        if (segment.text().isEmpty()) {
            return null;
        }
        Written working;
        try {
            working = Written.of(segment);
        } catch (NumberText.Unreadable e) {
            if (AnswerText.hasLetter(segment.text())) {
                return null; // a label (C3, Total FLOPs) or a formula in symbols: not checked
            }
            throw new AnswerFormatException("Could not read the working '" + shorten(segment.text()) + "': "
                    + e.getMessage() + "; write the value alone, or a working that reads, e.g. (3*6+4*9+6)*25 = 1500"
                    + " (expected " + form + ").");
        }
        if (value.agrees(working)) {
            return null;
        }
        return "Your working " + segment.text() + " gives " + working.number().value().display() + ", not "
                + value.number().value().display() + "; the value after the last '=' is graded.";
    }

    private static void oneLine(String raw, String form) {
        long lines = raw.lines().filter(l -> !l.isBlank()).count();
        if (lines > 1) {
            throw new AnswerFormatException("The answer has " + lines + " lines; write only the value on one line"
                    + " (a working may stay, e.g. 2,468,544 + 58,621,952 = 61,090,496); expected " + form + ".");
        }
    }

    /**
     * A shape: a YAML list of sizes, one size, or text such as {@code 7x7x12}, {@code (12, 7, 7)},
     * {@code $7 \times 7 \times 12$} or {@code O = 7x7}. A count after the shape ({@code 7x7x12 = 588}) must be
     * its number of values.
     */
    public static Value.Shape shape(YamlNode node) {
        if (node instanceof YamlList list) {
            List<String> tokens = new ArrayList<>();
            String shown = list.flow();
            for (YamlNode item : list.items()) {
                if (!(item instanceof YamlScalar s) || !(s.isNumber() || s.type() == YamlScalar.Type.STRING)) {
                    throw new AnswerFormatException("The shape " + shown + " contains " + item.describe()
                            + "; expected " + SHAPE_FORM + ".");
                }
                tokens.add(s.text().strip());
            }
            return sizes(tokens, shown);
        }
        String shown = scalarText(node, "a shape", SHAPE_FORM);
        oneLine(shown, SHAPE_FORM);
        String text = AnswerText.withoutColonLabel(LatexText.plain(shown)).replace('~', ' ');
        List<AnswerText.Segment> segments = AnswerText.segments(text);
        if (segments.size() == 1) {
            return shapeText(segments.get(0).text(), shown);
        }
        Value.Shape last = shapeText(segments.get(segments.size() - 1).text(), shown);
        Value.Shape value = last;
        for (AnswerText.Segment segment : segments.subList(0, segments.size() - 1)) {
            Value.Shape other;
            try {
                other = shapeText(segment.text(), segment.text());
            } catch (AnswerFormatException e) {
                continue; // a name (O =) or a working in symbols
            }
            if (last.rank() == 1 && other.rank() > 1 && count(other) == last.dims().get(0)) {
                value = other; // 7x7x12 = 588
            } else if (last.rank() == 1 && other.rank() > 1) {
                throw new AnswerFormatException("'" + shorten(shown) + "' does not read as one shape: "
                        + segment.text() + " has " + count(other) + " values, not " + last.dims().get(0)
                        + "; write the shape alone, e.g. " + segment.text() + ".");
            } else if (!other.equals(last) && !(other.rank() == 1 && count(last) == other.dims().get(0))) {
                throw new AnswerFormatException("'" + shorten(shown) + "' gives two shapes, " + other.display()
                        + " and " + last.display() + "; write the one you mean, e.g. " + last.display() + ".");
            }
        }
        return value;
    }

    private static long count(Value.Shape shape) {
        return shape.dims().stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
    }

    private static Value.Shape shapeText(String text, String shown) {
        String inner = stripBrackets(SPACE_OF.matcher(text.strip()).replaceFirst(""));
        List<String> tokens = inner.isEmpty() ? List.of() : List.of(SHAPE_SEPARATOR.split(inner, -1));
        return sizes(tokens, shown);
    }

    private static Value.Shape sizes(List<String> tokens, String shown) {
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
        return "Could not read '" + shorten(text) + "' as " + what + "; expected " + form + ".";
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
