package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.GraderException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A formula typed by a student or a rubric author, parsed against a list of declared variable names and
 * evaluated in double. See the package documentation for the accepted syntax. Immutable.
 */
public final class Expression {
    /** Longer input is refused before parsing: answers are short and the input may be hostile. */
    public static final int MAX_LENGTH = 2000;

    private final String text;
    private final Node root;
    private final Set<String> declared;
    private final Set<String> variables;
    private final boolean condition;
    private final List<String> notes;

    private Expression(String text, Set<String> declared, boolean condition) {
        Parser.Parsed parsed = Parser.parse(text, declared, condition);
        Set<String> used = new LinkedHashSet<>();
        parsed.root().collectVariables(used);
        this.text = text;
        this.root = parsed.root();
        this.declared = declared;
        this.variables = Collections.unmodifiableSet(used);
        this.condition = condition;
        this.notes = parsed.notes();
    }

    /**
     * Parses a formula over the given variables.
     *
     * @throws ExpressionException if the text cannot be read; the message points at the character
     * @throws GraderException     if a variable name is itself invalid (a rubric error)
     */
    public static Expression parse(String text, Collection<String> variables) {
        return new Expression(checkText(text), checkNames(variables), false);
    }

    /** Parses a formula over the given variables; see {@link #parse(String, Collection)}. */
    public static Expression parse(String text, String... variables) {
        return parse(text, Arrays.asList(variables));
    }

    /**
     * Parses a constraint: a formula that may also use {@code < <= > >= == !=} (chained as in Python) and
     * {@code && and || or}, and whose top level must be such a comparison.
     */
    public static Expression parseCondition(String text, Collection<String> variables) {
        return new Expression(checkText(text), checkNames(variables), true);
    }

    /**
     * Evaluates at the given values; extra entries are ignored. Division by zero, log of a negative number
     * and the like give infinities or NaN rather than an exception. A condition gives 1 (true) or 0 (false).
     *
     * @throws GraderException if a variable the formula uses has no value
     */
    public double evaluate(Map<String, ? extends Number> values) {
        for (String v : variables) {
            if (values.get(v) == null) {
                throw new GraderException("formula '" + text + "' needs a value for " + v + "; given: "
                        + String.join(", ", values.keySet()));
            }
        }
        return root.eval(values);
    }

    /** For a condition: whether it holds at the given values (NaN counts as false). */
    public boolean holds(Map<String, ? extends Number> values) {
        return Operator.isTrue(evaluate(values));
    }

    /** The text as typed. */
    public String text() {
        return text;
    }

    /** How the formula was understood, with explicit {@code *} and canonical names: {@code I - S*(K - 1) + 2*P}. */
    public String readAs() {
        return root.render();
    }

    /** The variables the formula actually uses, in order of first appearance. */
    public Set<String> variables() {
        return variables;
    }

    /** The variable names it was parsed against. */
    public Set<String> declaredVariables() {
        return declared;
    }

    public boolean isCondition() {
        return condition;
    }

    /**
     * Readings worth telling the student about, e.g. {@code 'KS' is read as K*S} or how an implicit product
     * after a division was read. Empty for formulas written with explicit operators.
     */
    public List<String> notes() {
        return notes;
    }

    @Override
    public String toString() {
        return text;
    }

    private static String checkText(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException("expression is too long (" + text.length() + " characters, at most "
                    + MAX_LENGTH + ")", text.substring(0, 40) + "...", 0);
        }
        return text;
    }

    private static Set<String> checkNames(Collection<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null || name.isEmpty() || !Lexer.isIdentifierStart(name.charAt(0))
                    || !name.chars().allMatch(c -> Lexer.isIdentifierPart((char) c))) {
                throw new GraderException("variable name '" + name + "' is not an identifier (letters, digits, "
                        + "'_', starting with a letter or '_')");
            }
            if (Builtin.byName(name) != null || name.equals("and") || name.equals("or")) {
                throw new GraderException("variable name '" + name + "' clashes with a function or operator name");
            }
            if (!out.add(name)) {
                throw new GraderException("variable name '" + name + "' is declared twice");
            }
        }
        return Collections.unmodifiableSet(out);
    }
}
