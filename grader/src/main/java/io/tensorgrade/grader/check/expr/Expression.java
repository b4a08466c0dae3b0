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
    private final Map<String, String> functions;
    private final Set<String> variables;
    private final boolean condition;
    private final List<String> notes;

    private Expression(String text, Set<String> declared, Map<String, String> functions, boolean condition) {
        Parser.Parsed parsed = Parser.parse(text, declared, resolve(functions), condition);
        Set<String> used = new LinkedHashSet<>();
        parsed.root().collectVariables(used);
        this.text = text;
        this.root = parsed.root();
        this.declared = declared;
        this.functions = functions;
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
        return parse(text, variables, Map.of());
    }

    /**
     * Parses a formula over the given variables, with extra names for built-in functions: {@code {h: sigma}}
     * lets a course write {@code h(x)} for the sigmoid. {@link #readAs()} shows the built-in's own name.
     *
     * @throws ExpressionException if the text cannot be read
     * @throws GraderException     if a variable or alias name is invalid, or an alias names no built-in function
     */
    public static Expression parse(String text, Collection<String> variables, Map<String, String> functions) {
        Set<String> names = checkNames(variables);
        return new Expression(checkText(text), names, checkFunctions(functions, names), false);
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
        return parseCondition(text, variables, Map.of());
    }

    /** Parses a constraint with function aliases; see {@link #parse(String, Collection, Map)}. */
    public static Expression parseCondition(String text, Collection<String> variables, Map<String, String> functions) {
        Set<String> names = checkNames(variables);
        return new Expression(checkText(text), names, checkFunctions(functions, names), true);
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

    /** The function aliases it was parsed with, alias to built-in name. */
    public Map<String, String> functions() {
        return functions;
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

    /** The built-in names of the functions a formula may call, sorted, aliases included. */
    public static Set<String> functionNames() {
        return Builtin.names();
    }

    /** Validates function aliases against the variable names; returns an unmodifiable copy. */
    static Map<String, String> checkFunctions(Map<String, String> functions, Set<String> variables) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> f : functions.entrySet()) {
            String alias = f.getKey();
            if (alias == null || alias.isEmpty() || !Lexer.isIdentifierStart(alias.charAt(0))
                    || !alias.chars().allMatch(c -> Lexer.isIdentifierPart((char) c))) {
                throw new GraderException("function name '" + alias + "' is not an identifier (letters, digits, "
                        + "'_', starting with a letter or '_')");
            }
            if (Builtin.byName(alias) != null || alias.equals("and") || alias.equals("or")) {
                throw new GraderException("function name '" + alias + "' is already a built-in function or operator");
            }
            if (variables.contains(alias)) {
                throw new GraderException("function name '" + alias + "' is also a variable");
            }
            if (Builtin.byName(f.getValue()) == null) {
                throw new GraderException("function " + alias + ": unknown built-in function '" + f.getValue()
                        + "'; known: " + String.join(", ", Builtin.names()));
            }
            out.put(alias, f.getValue());
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Builtin> resolve(Map<String, String> functions) {
        Map<String, Builtin> out = new java.util.HashMap<>();
        functions.forEach((alias, name) -> out.put(alias, Builtin.byName(name)));
        return out;
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
