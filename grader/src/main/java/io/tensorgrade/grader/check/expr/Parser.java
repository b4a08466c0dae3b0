package io.tensorgrade.grader.check.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser. Precedence, loosest first: {@code || && (comparisons) + - (* / // % implicit)
 * (unary -) ^}. Implicit products ({@code 2P}, {@code S(K-1)}, {@code (a)(b)}, {@code z2 z1}) bind like
 * {@code *}, left to right, so {@code 1/2P} is {@code (1/2)*P}; a note records that reading.
 */
final class Parser {
    private static final int MAX_DEPTH = 200;
    private static final Map<String, String> CLOSING = Map.of("(", ")", "[", "]", "⌊", "⌋", "⌈", "⌉");

    private final String source;
    private final List<Token> tokens;
    private final Set<String> declared;
    private final Map<String, Builtin> aliases;
    private final boolean condition;
    private final List<String> notes = new ArrayList<>();
    private int pos;
    private int depth;

    record Parsed(Node root, List<String> notes) {
        Parsed {
            notes = List.copyOf(notes);
        }
    }

    private Parser(String source, Set<String> declared, Map<String, Builtin> aliases, boolean condition) {
        this.source = source;
        this.tokens = Lexer.tokenize(source);
        this.declared = declared;
        this.aliases = aliases;
        this.condition = condition;
    }

    /**
     * Parses a formula, or with {@code condition} a constraint that may use comparisons and {@code &&}.
     * {@code aliases} are extra function names (a course's {@code h} for the sigmoid).
     */
    static Parsed parse(String source, Set<String> declared, Map<String, Builtin> aliases, boolean condition) {
        Parser p = new Parser(source, declared, aliases, condition);
        return new Parsed(p.top(), p.notes);
    }

    private Node top() {
        if (peek().kind() == Token.Kind.END) {
            throw error("empty expression", peek());
        }
        Node root = expression();
        Token t = peek();
        if (t.kind() != Token.Kind.END) {
            Operator op = t.kind() == Token.Kind.OP ? Operator.bySymbol(t.text()) : null;
            if (op != null && op.isBoolean() && !condition) {
                throw error("unexpected '" + t.raw(source) + "'", "comparisons belong in constraints, not in a formula",
                        t);
            }
            throw error("unexpected '" + t.raw(source) + "'", t);
        }
        if (condition && !(root instanceof Node.Bin b && b.op().isBoolean())) {
            throw error("not a comparison", "a constraint looks like 'I + 2*P >= K'", tokens.get(0));
        }
        return root;
    }

    private Node expression() {
        return condition ? or() : sum();
    }

    private Node or() {
        Node n = and();
        while (peek().isOp("||")) {
            next();
            n = new Node.Bin(Operator.OR, n, and());
        }
        return n;
    }

    private Node and() {
        Node n = comparison();
        while (peek().isOp("&&")) {
            next();
            n = new Node.Bin(Operator.AND, n, comparison());
        }
        return n;
    }

    /** {@code a < b <= c} means {@code a < b && b <= c}, as in Python. */
    private Node comparison() {
        Node left = sum();
        Node result = null;
        while (peek().kind() == Token.Kind.OP && Operator.bySymbol(peek().text()) != null
                && Operator.bySymbol(peek().text()).isComparison()) {
            Operator op = Operator.bySymbol(next().text());
            Node right = sum();
            Node c = new Node.Bin(op, left, right);
            result = result == null ? c : new Node.Bin(Operator.AND, result, c);
            left = right;
        }
        return result == null ? left : result;
    }

    private Node sum() {
        Node n = product();
        while (peek().isOp("+") || peek().isOp("-")) {
            Operator op = Operator.bySymbol(next().text());
            n = new Node.Bin(op, n, product());
        }
        return n;
    }

    private Node product() {
        Node n = unary();
        Operator last = null;
        while (true) {
            Token t = peek();
            Operator op = t.kind() == Token.Kind.OP ? Operator.bySymbol(t.text()) : null;
            if (op != null && op.precedence() == Operator.MUL.precedence()) {
                next();
                n = new Node.Bin(op, n, unary());
                last = op;
            } else if (t.startsOperand()) {
                if (t.kind() == Token.Kind.NUMBER) {
                    // "x 2" or "(a+b)2": more likely a typo (x^2? x*2? x+2?) than a product.
                    throw error("missing operator before '" + t.raw(source) + "'",
                            "add the operator you meant (*, +, ^, ...)", t);
                }
                Node right = power();
                // Only right after a written '/', '//' or '%': "(1/2)S" is unambiguous and gets no note.
                if (last != null && last != Operator.MUL && n instanceof Node.Bin b) {
                    notes.add("the implicit product at column " + (t.start() + 1) + " is read as (" + b.render() + ")*"
                            + right.render() + "; write " + wrapped(b.left(), b.op()) + b.op().symbol() + "("
                            + new Node.Bin(Operator.MUL, b.right(), right).render() + ") to divide by the product");
                }
                n = new Node.Bin(Operator.MUL, n, right);
                last = Operator.MUL;
            } else {
                return n;
            }
        }
    }

    private Node unary() {
        if (++depth > MAX_DEPTH) {
            throw error("expression is nested too deeply (more than " + MAX_DEPTH + " levels)", peek());
        }
        try {
            if (peek().isOp("-")) {
                next();
                return new Node.Neg(unary());
            }
            if (peek().isOp("+")) {
                next();
                return unary();
            }
            return power();
        } finally {
            depth--;
        }
    }

    /** Right-associative: {@code 2^3^2} is {@code 2^(3^2)}; the exponent may carry a sign, {@code 2^-1}. */
    private Node power() {
        Node base = primary();
        while (peek().kind() == Token.Kind.SUFFIX_POWER) {
            Token t = next();
            base = new Node.Bin(Operator.POW, base, new Node.Num(t.value(), t.text()));
        }
        if (peek().isOp("^") || peek().isOp("**")) {
            next();
            return new Node.Bin(Operator.POW, base, unary());
        }
        return base;
    }

    private Node primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new Node.Num(t.value(), t.text());
            case IDENT:
                return identifier(t);
            case OPEN:
                Node inner = expression();
                expectClose(t);
                return switch (t.text()) {
                    case "⌊" -> new Node.Call(Builtin.FLOOR, List.of(inner));
                    case "⌈" -> new Node.Call(Builtin.CEIL, List.of(inner));
                    default -> inner;
                };
            case END:
                throw error("unexpected end of expression", t);
            default:
                throw error("unexpected '" + t.raw(source) + "'", t);
        }
    }

    private Node identifier(Token t) {
        String name = t.text();
        if (declared.contains(name)) {
            return new Node.Var(name);
        }
        Builtin f = Builtin.byName(name) != null ? Builtin.byName(name) : aliases.get(name);
        if (f != null) {
            // floor[x] as well as floor(x): brackets are a group everywhere else too.
            if (!peek().is(Token.Kind.OPEN, "(") && !peek().is(Token.Kind.OPEN, "[")) {
                throw error("function '" + name + "' without parentheses", "write " + name + "(...)", t);
            }
            if (name.equals("int")) {
                notes.add("int(...) is read as trunc(...), rounding toward zero as Python's int does: floor for"
                        + " values >= 0, ceil for negative ones");
            }
            return call(f, t);
        }
        List<List<String>> splits = Names.splits(name, declared, 3);
        boolean constant = name.equals("pi") || name.equals("e");
        if (splits.size() + (constant ? 1 : 0) > 1) {
            throw error("ambiguous name '" + name + "'", Names.readings(name, constant, splits), t);
        }
        if (constant) {
            return new Node.Num(name.equals("pi") ? Math.PI : Math.E, name);
        }
        if (splits.size() == 1) {
            notes.add("'" + name + "' is read as " + String.join("*", splits.get(0)));
            return Names.product(splits.get(0));
        }
        throw unknown(t);
    }

    private ExpressionException unknown(Token t) {
        boolean call = peek().is(Token.Kind.OPEN, "(");
        // t is the token just read, so pos is at the parenthesis after it.
        String[] message = call ? IndexedNames.undeclared(t.text(), IndexedNames.arguments(tokens, pos - 1),
                declared) : null;
        if (message == null) {
            message = Names.unknown(t.text(), call, declared, aliases.keySet());
        }
        return error(message[0], message[1], t);
    }

    private Node call(Builtin f, Token name) {
        Token open = next();
        List<Node> args = new ArrayList<>();
        if (!peek().is(Token.Kind.CLOSE, CLOSING.get(open.text()))) {
            args.add(expression());
            while (peek().kind() == Token.Kind.COMMA) {
                next();
                args.add(expression());
            }
        }
        expectClose(open);
        if (args.size() < f.minArgs() || args.size() > f.maxArgs()) {
            String wanted = f.minArgs() == f.maxArgs() ? String.valueOf(f.minArgs())
                    : f.maxArgs() == Integer.MAX_VALUE ? "at least " + f.minArgs()
                    : f.minArgs() + " or " + f.maxArgs();
            throw error("wrong number of arguments for " + name.text(), "it takes " + wanted + ", got "
                    + args.size(), name);
        }
        return new Node.Call(f, args);
    }

    private void expectClose(Token open) {
        String want = CLOSING.get(open.text());
        Token t = peek();
        if (t.is(Token.Kind.CLOSE, want)) {
            next();
            return;
        }
        if (t.kind() == Token.Kind.END) {
            throw error("'" + open.raw(source) + "' is never closed", open);
        }
        if (t.kind() == Token.Kind.CLOSE) {
            throw error("mismatched '" + t.raw(source) + "'", "the '" + open.raw(source) + "' at column "
                    + (open.start() + 1) + " is closed by '" + want + "'", t);
        }
        throw error("unexpected '" + t.raw(source) + "'", "expected '" + want + "'", t);
    }

    private static String wrapped(Node n, Operator op) {
        return n.precedence() < op.precedence() ? "(" + n.render() + ")" : n.render();
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    private ExpressionException error(String reason, Token at) {
        return new ExpressionException(reason, source, at.start());
    }

    private ExpressionException error(String reason, String detail, Token at) {
        return new ExpressionException(reason, detail, source, at.start());
    }
}
