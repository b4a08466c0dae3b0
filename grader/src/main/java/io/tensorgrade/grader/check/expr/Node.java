package io.tensorgrade.grader.check.expr;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The parsed tree of a formula. Nodes evaluate in double and render back to canonical text. */
sealed interface Node permits Node.Num, Node.Var, Node.Neg, Node.Bin, Node.Call {

    /** Evaluates with every variable of the tree present in {@code values} (the caller checks). */
    double eval(Map<String, ? extends Number> values);

    /** Binding strength for rendering; see {@link Operator}. */
    int precedence();

    /** Canonical text: explicit {@code *}, minimal parentheses, canonical function names. */
    String render();

    void collectVariables(Set<String> out);

    /** A number literal or a named constant; {@code text} is how it renders. */
    record Num(double value, String text) implements Node {
        @Override
        public double eval(Map<String, ? extends Number> values) {
            return value;
        }

        @Override
        public int precedence() {
            return Operator.ATOM;
        }

        @Override
        public String render() {
            return text;
        }

        @Override
        public void collectVariables(Set<String> out) {
        }
    }

    record Var(String name) implements Node {
        @Override
        public double eval(Map<String, ? extends Number> values) {
            return values.get(name).doubleValue();
        }

        @Override
        public int precedence() {
            return Operator.ATOM;
        }

        @Override
        public String render() {
            return name;
        }

        @Override
        public void collectVariables(Set<String> out) {
            out.add(name);
        }
    }

    record Neg(Node operand) implements Node {
        @Override
        public double eval(Map<String, ? extends Number> values) {
            return -operand.eval(values);
        }

        @Override
        public int precedence() {
            return Operator.NEGATION;
        }

        @Override
        public String render() {
            return "-" + wrap(operand, operand.precedence() < Operator.NEGATION);
        }

        @Override
        public void collectVariables(Set<String> out) {
            operand.collectVariables(out);
        }
    }

    record Bin(Operator op, Node left, Node right) implements Node {
        @Override
        public double eval(Map<String, ? extends Number> values) {
            // Short-circuit so that a later constraint is not evaluated where an earlier one failed.
            if (op == Operator.AND) {
                return Operator.isTrue(left.eval(values)) ? op.apply(1, right.eval(values)) : 0.0;
            }
            if (op == Operator.OR) {
                return Operator.isTrue(left.eval(values)) ? 1.0 : op.apply(0, right.eval(values));
            }
            return op.apply(left.eval(values), right.eval(values));
        }

        @Override
        public int precedence() {
            return op.precedence();
        }

        @Override
        public String render() {
            int p = op.precedence();
            // '^' is right-associative; comparisons do not chain after parsing, so both sides need parentheses.
            boolean leftParens = left.precedence() < p
                    || (left.precedence() == p && (op == Operator.POW || op.isComparison()));
            boolean rightParens = right.precedence() < p || (right.precedence() == p && op != Operator.POW);
            String sep = p <= Operator.ADD.precedence() ? " " : "";
            return wrap(left, leftParens) + sep + op.symbol() + sep + wrap(right, rightParens);
        }

        @Override
        public void collectVariables(Set<String> out) {
            left.collectVariables(out);
            right.collectVariables(out);
        }
    }

    record Call(Builtin function, List<Node> args) implements Node {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public double eval(Map<String, ? extends Number> values) {
            double[] a = new double[args.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = args.get(i).eval(values);
            }
            return function.apply(a);
        }

        @Override
        public int precedence() {
            return Operator.ATOM;
        }

        @Override
        public String render() {
            return function.canonicalName() + "(" + args.stream().map(Node::render).collect(Collectors.joining(", "))
                    + ")";
        }

        @Override
        public void collectVariables(Set<String> out) {
            args.forEach(a -> a.collectVariables(out));
        }
    }

    private static String wrap(Node n, boolean parens) {
        return parens ? "(" + n.render() + ")" : n.render();
    }
}
