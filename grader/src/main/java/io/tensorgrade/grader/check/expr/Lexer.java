package io.tensorgrade.grader.check.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Splits a formula into tokens, normalising the Unicode spellings students paste from their notes. */
final class Lexer {
    /** Two-character operators first so that {@code **} is not read as two {@code *}. */
    private static final List<String> OPERATORS = List.of(
            "**", "//", "<=", ">=", "==", "!=", "&&", "||", "+", "-", "*", "/", "%", "^", "<", ">");
    private static final Map<Character, String> UNICODE_OPERATORS = Map.ofEntries(
            Map.entry('·', "*"), Map.entry('×', "*"), Map.entry('⋅', "*"), Map.entry('∗', "*"),
            Map.entry('−', "-"), Map.entry('–', "-"), Map.entry('÷', "/"),
            Map.entry('≤', "<="), Map.entry('≥', ">="), Map.entry('≠', "!="));
    private static final String OPEN = "([⌊⌈";
    private static final String CLOSE = ")]⌋⌉";

    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return List.copyOf(lexer.tokens);
    }

    private void run() {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (isDigit(c) || (c == '.' && pos + 1 < source.length() && isDigit(source.charAt(pos + 1)))) {
                number();
            } else if (c == 'π' || c == 'σ') {
                add(Token.Kind.IDENT, c == 'π' ? "pi" : "sigma", 1);
            } else if (Character.isLetter(c) || c == '_') {
                identifier();
            } else if (OPEN.indexOf(c) >= 0) {
                add(Token.Kind.OPEN, String.valueOf(c), 1);
            } else if (CLOSE.indexOf(c) >= 0) {
                add(Token.Kind.CLOSE, String.valueOf(c), 1);
            } else if (c == ',') {
                add(Token.Kind.COMMA, ",", 1);
            } else if (c == '²' || c == '³') {
                tokens.add(new Token(Token.Kind.SUFFIX_POWER, c == '²' ? "2" : "3", c == '²' ? 2 : 3, pos, pos + 1));
                pos++;
            } else if (UNICODE_OPERATORS.containsKey(c)) {
                add(Token.Kind.OP, UNICODE_OPERATORS.get(c), 1);
            } else {
                operator(c);
            }
        }
        tokens.add(new Token(Token.Kind.END, "", Double.NaN, source.length(), source.length()));
    }

    private void operator(char c) {
        for (String op : OPERATORS) {
            if (source.startsWith(op, pos)) {
                add(Token.Kind.OP, op, op.length());
                return;
            }
        }
        String detail = switch (c) {
            case '=' -> "write only the right-hand side of the formula; compare with '=='";
            case '&' -> "write '&&' or 'and'";
            case '|' -> "write abs(x) for an absolute value and '||' or 'or' for a disjunction";
            case '!' -> "compare with '!='";
            case '\'', '′', '’' -> "a prime such as h' is a derivative, which is not read: write the derivative out"
                    + " as a formula";
            default -> "";
        };
        throw new ExpressionException((detail.isEmpty() ? "unexpected character '" : "unexpected '") + c + "'",
                detail, source, pos);
    }

    private void number() {
        int start = pos;
        skipDigits();
        if (pos < source.length() && source.charAt(pos) == '.') {
            pos++;
            skipDigits();
        }
        // An exponent only when digits follow, so that "2e" is 2 times the constant e (or variable e).
        if (pos < source.length() && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
            int p = pos + 1;
            if (p < source.length() && (source.charAt(p) == '+' || source.charAt(p) == '-')) {
                p++;
            }
            if (p < source.length() && isDigit(source.charAt(p))) {
                pos = p;
                skipDigits();
            }
        }
        String text = source.substring(start, pos);
        tokens.add(new Token(Token.Kind.NUMBER, text, Double.parseDouble(text), start, pos));
    }

    private void identifier() {
        int start = pos;
        while (pos < source.length() && isIdentifierPart(source.charAt(pos))) {
            pos++;
        }
        // Subscript digits (z₂ pasted from notes) mean the same as plain digits (z2).
        StringBuilder sb = new StringBuilder(pos - start);
        for (int i = start; i < pos; i++) {
            char c = source.charAt(i);
            sb.append(c >= '₀' && c <= '₉' ? (char) ('0' + (c - '₀')) : c);
        }
        String text = sb.toString();
        if (text.equals("and") || text.equals("or")) {
            tokens.add(new Token(Token.Kind.OP, text.equals("and") ? "&&" : "||", Double.NaN, start, pos));
        } else {
            tokens.add(new Token(Token.Kind.IDENT, text, Double.NaN, start, pos));
        }
    }

    private void add(Token.Kind kind, String text, int length) {
        tokens.add(new Token(kind, text, Double.NaN, pos, pos + length));
        pos += length;
    }

    private void skipDigits() {
        while (pos < source.length() && isDigit(source.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierPart(char c) {
        return (Character.isLetterOrDigit(c) || c == '_' || (c >= '₀' && c <= '₉')) && c != 'π' && c != 'σ';
    }

    static boolean isIdentifierStart(char c) {
        return (Character.isLetter(c) || c == '_') && c != 'π' && c != 'σ';
    }
}
