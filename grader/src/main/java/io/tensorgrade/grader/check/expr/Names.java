package io.tensorgrade.grader.check.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an undeclared identifier as a product of declared variables, the way students write {@code KS}
 * for K times S. Only whole declared names count as parts, so {@code w12} is never read as w*12.
 */
final class Names {
    private Names() {
    }

    /**
     * Every way (at most {@code limit}) to write {@code word} as a concatenation of two or more names from
     * {@code declared}; empty when there is none. More than one reading means the word is ambiguous.
     */
    static List<List<String>> splits(String word, Set<String> declared, int limit) {
        // canFinish[i]: word[i..] splits into declared names. The search below only enters such positions,
        // so every branch ends in a reading and a hostile input cannot make it exponential.
        int longest = longest(declared);
        boolean[] canFinish = new boolean[word.length() + 1];
        canFinish[word.length()] = true;
        for (int i = word.length() - 1; i >= 0; i--) {
            for (int end = i + 1; end <= Math.min(word.length(), i + longest) && !canFinish[i]; end++) {
                canFinish[i] = canFinish[end] && declared.contains(word.substring(i, end));
            }
        }
        List<List<String>> out = new ArrayList<>();
        if (canFinish[0]) {
            collect(word, 0, declared, canFinish, new ArrayList<>(), out, limit);
        }
        out.removeIf(reading -> reading.size() < 2);
        return out;
    }

    private static void collect(String word, int from, Set<String> declared, boolean[] canFinish, List<String> prefix,
                                List<List<String>> out, int limit) {
        if (out.size() >= limit) {
            return;
        }
        if (from == word.length()) {
            out.add(List.copyOf(prefix));
            return;
        }
        // Longest first, so that the first reading found is the greedy one; words are short, names few.
        for (int end = Math.min(word.length(), from + longest(declared)); end > from; end--) {
            String part = word.substring(from, end);
            if (canFinish[end] && declared.contains(part)) {
                prefix.add(part);
                collect(word, end, declared, canFinish, prefix, out, limit);
                prefix.remove(prefix.size() - 1);
            }
        }
    }

    /** The detail of an ambiguous name: {@code it could be the constant e or ...; write '*' between ...}. */
    static String readings(String name, boolean constant, List<List<String>> splits) {
        List<String> readings = new ArrayList<>();
        if (constant) {
            readings.add("the constant " + name);
        }
        splits.forEach(s -> readings.add(String.join("*", s)));
        return "it could be " + String.join(" or ", readings) + "; write '*' between the variables";
    }

    /** The product of the variables {@code parts}, left to right. */
    static Node product(List<String> parts) {
        Node n = null;
        for (String part : parts) {
            n = n == null ? new Node.Var(part) : new Node.Bin(Operator.MUL, n, new Node.Var(part));
        }
        return n;
    }

    private static int longest(Set<String> names) {
        return names.stream().mapToInt(String::length).max().orElse(0);
    }

    /**
     * Reason and detail for an identifier that is neither declared, a function, a constant nor a product of
     * declared names; suggests a name that differs only in case.
     */
    static String[] unknown(String name, boolean isCall, Set<String> declared, Set<String> aliases) {
        Set<String> functions = new java.util.TreeSet<>(Builtin.names());
        functions.addAll(aliases);
        Set<String> candidates = isCall ? functions : declared;
        String hint = "";
        for (String known : candidates) {
            if (known.equalsIgnoreCase(name)) {
                hint = "did you mean '" + known + "'? ";
            }
        }
        if (isCall) {
            return new String[] {"unknown function '" + name + "'",
                hint + "known functions: " + String.join(", ", candidates)};
        }
        String known = declared.isEmpty() ? "this formula has no variables"
                : "known variables: " + String.join(", ", declared);
        return new String[] {"unknown variable '" + name + "'", hint + known};
    }
}
