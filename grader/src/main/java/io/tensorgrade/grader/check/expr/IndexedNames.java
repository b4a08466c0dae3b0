package io.tensorgrade.grader.check.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the index notations of a declared name: with {@code w12} declared, {@code w(1,2)},
 * {@code w_{(1,2)}}, {@code w_{1,2}} and {@code w_(1,2)} are {@code w12} (and {@code w(x,1)},
 * {@code w_{(x,1)}} are {@code wx1}), as seed 000 writes its weights. Only a joined name that is declared
 * (or defined) is read so; otherwise the text keeps a call ({@code h(z1*w13)} stays a call), and a
 * subscript with a comma becomes {@code w(3,4)}, which the parser reports as an undeclared indexed name.
 * {@code w_{12}} and {@code w_12} are left to {@link AnswerNormaliser}'s subscript merging.
 */
final class IndexedNames {
    private static final String LIST = "[A-Za-z0-9]+(?:\\s*,\\s*[A-Za-z0-9]+)*";
    private static final Pattern INDEXED = Pattern.compile("(?<![\\\\A-Za-z0-9_])([A-Za-z][A-Za-z0-9]*)\\s*(?:"
            + "_\\s*\\{\\s*\\(\\s*(" + LIST + ")\\s*\\)\\s*\\}"                       // w_{(1,2)}
            + "|_\\s*\\{\\s*([A-Za-z0-9]+(?:\\s*,\\s*[A-Za-z0-9]+)+)\\s*\\}"           // w_{1,2}
            + "|_\\s*\\(\\s*(" + LIST + ")\\s*\\)"                                     // w_(1,2)
            + "|\\(\\s*(" + LIST + ")\\s*\\))");                                       // w(1,2)

    private IndexedNames() {
    }

    /** The rewritten text and the notes for the student ({@code read w(1,2) as w12}). */
    record Rewritten(String text, List<String> notes) {
        Rewritten {
            notes = List.copyOf(notes);
        }
    }

    /**
     * @param names     declared and defined variables
     * @param functions names that are calls before a parenthesis (built-ins and the part's aliases)
     * @param indices   data indices: {@code y(2,i)} is {@code y2} when only {@code y2} is declared
     */
    static Rewritten rewrite(String text, Set<String> names, Set<String> functions, List<String> indices) {
        Matcher m = INDEXED.matcher(text);
        StringBuilder out = new StringBuilder();
        Set<String> notes = new LinkedHashSet<>();
        while (m.find()) {
            String base = m.group(1);
            boolean call = m.group(5) != null;
            String list = call ? m.group(5) : m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3)
                    : m.group(4);
            List<String> parts = List.of(list.split("\\s*,\\s*"));
            String written = m.group().replaceAll("\\s+", "");
            String read = null;
            // Before a parenthesis a declared name is a product (S(K-1)) and a function a call.
            if (!(call && (names.contains(base) || functions.contains(base) || Builtin.byName(base) != null))) {
                read = joined(base, parts, names, indices);
            }
            String replacement;
            if (read != null) {
                replacement = read;
                notes.add("read " + written + " as " + read);
            } else if (!call && !names.contains(base)) {
                replacement = base + "(" + String.join(",", parts) + ")";
            } else {
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return new Rewritten(out.toString(), new ArrayList<>(notes));
    }

    /** {@code base} with its indices joined, when that (or it without a last data index) is declared; else null. */
    private static String joined(String base, List<String> parts, Set<String> names, List<String> indices) {
        String all = base + String.join("", parts);
        if (names.contains(all)) {
            return all;
        }
        if (parts.size() > 1 && indices.contains(parts.get(parts.size() - 1))) {
            String point = base + String.join("", parts.subList(0, parts.size() - 1));
            return names.contains(point) ? point : null;
        }
        return null;
    }

    /**
     * For an undeclared {@code base(args)} whose arguments are plain names or numbers: the reason and detail
     * of the error, naming the declared variables that start with {@code base}; null when none does (then it
     * is an unknown function).
     */
    static String[] undeclared(String base, List<String> args, Set<String> declared) {
        List<String> family = declared.stream().filter(n -> n.length() > base.length() && n.startsWith(base))
                .toList();
        if (family.isEmpty() || args.isEmpty()) {
            return null;
        }
        String written = base + "(" + String.join(",", args) + ")";
        String notation = describe(family);
        return new String[] {"unknown variable '" + written + "'", written + " would be "
                + base + String.join("", args) + ", which this part does not declare; its " + base + " variables are "
                + String.join(", ", family) + (notation.isEmpty() ? "" : " (" + notation + ")") + "; known variables: "
                + String.join(", ", declared)};
    }

    /** E.g. {@code w12 = w(1,2)} for names whose index part is two characters; empty text otherwise. */
    private static String describe(List<String> family) {
        List<String> out = new ArrayList<>();
        for (String n : family) {
            Matcher m = Pattern.compile("([A-Za-z]+?)([A-Za-z0-9])([0-9])").matcher(n);
            if (m.matches()) {
                out.add(n + " = " + m.group(1) + "(" + m.group(2) + "," + m.group(3) + ")");
            }
        }
        return out.size() == family.size() ? String.join(", ", out) : "";
    }

    /** The plain names and numbers of {@code (a, b)} after the token at {@code at}, as in w(3,4); empty otherwise. */
    static List<String> arguments(List<Token> tokens, int at) {
        List<String> args = new ArrayList<>();
        if (at + 1 >= tokens.size() || !tokens.get(at + 1).is(Token.Kind.OPEN, "(")) {
            return List.of();
        }
        for (int i = at + 2; i + 1 < tokens.size(); i += 2) {
            Token a = tokens.get(i);
            Token after = tokens.get(i + 1);
            if (a.kind() != Token.Kind.IDENT && a.kind() != Token.Kind.NUMBER) {
                return List.of();
            }
            args.add(a.text());
            if (after.is(Token.Kind.CLOSE, ")")) {
                return List.copyOf(args);
            }
            if (after.kind() != Token.Kind.COMMA) {
                return List.of();
            }
        }
        return List.of();
    }

    /** The names that are calls before a parenthesis: the built-ins and the part's aliases. */
    static Set<String> functions(Map<String, String> aliases) {
        Set<String> out = new LinkedHashSet<>(aliases.keySet());
        out.addAll(Builtin.names());
        return out;
    }
}
