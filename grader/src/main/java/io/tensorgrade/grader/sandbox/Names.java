package io.tensorgrade.grader.sandbox;

import java.util.regex.Pattern;

/** Checks on the names that travel to the harness; they become file names inside the sandbox. */
final class Names {
    /** Step ids and input names; the harness checks the same pattern. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    /** Plain file names (data files, each one segment). */
    static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /**
     * Student file paths: up to 8 segments like {@link #FILE} joined by '/' (a course package such as
     * {@code nndl/layers.py}); no segment starts with a dot, so none is {@code ..}. The harness checks the same.
     */
    static final Pattern PATH = Pattern.compile(
            "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(/[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}){0,7}");
    /** Python identifiers, dotted for attributes (a function name, a forbidden API). */
    static final Pattern DOTTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private Names() {
    }

    static String id(String what, String value) {
        return check(ID, what, value, "letters, digits, '_', '.' and '-', at most 64");
    }

    static String file(String what, String value) {
        return check(FILE, what, value, "a plain file name of letters, digits, '_', '.' and '-'");
    }

    static String relativePath(String what, String value) {
        return check(PATH, what, value, "a relative path of letters, digits, '_', '.' and '-' (segments joined by"
                + " '/', none starting with '.')");
    }

    static String dotted(String what, String value) {
        return check(DOTTED, what, value, "a Python name such as torch.nn.functional.conv2d");
    }

    private static String check(Pattern p, String what, String value, String rule) {
        if (value == null || !p.matcher(value).matches()) {
            throw new IllegalArgumentException(what + "=" + (value == null ? "null" : "'" + value + "'")
                    + " is not allowed: use " + rule);
        }
        return value;
    }
}
