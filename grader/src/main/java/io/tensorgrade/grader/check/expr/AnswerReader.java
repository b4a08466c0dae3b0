package io.tensorgrade.grader.check.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a student's formula answer over a domain: derivatives left in it first ({@link Derivatives}), then
 * the notation ({@link AnswerNormaliser}: LaTeX, index notations, the leading data sum), then the parse.
 */
final class AnswerReader {
    /** LaTeX is longer than the formula it becomes, so the limit on what is written is twice the parser's. */
    static final int MAX_LENGTH = 2 * Expression.MAX_LENGTH;

    private AnswerReader() {
    }

    /** What an answer is: a formula to grade, or a gradient with derivatives left in it. */
    sealed interface Reading permits Formula, Unfinished {
    }

    /** A formula, with the notes on how it was read (rewritten notations first, then the parser's). */
    record Formula(Expression expression, List<String> notes) implements Reading {
        Formula {
            notes = List.copyOf(notes);
        }
    }

    /** An answer that leaves derivatives such as {@code dE/dz1}, as written. */
    record Unfinished(List<String> derivatives) implements Reading {
        Unfinished {
            derivatives = List.copyOf(derivatives);
        }
    }

    /**
     * @param indices the data indices when the answer is graded per data point (empty: sums are not read)
     * @throws ExpressionException when the formula cannot be read, in terms of the normalised text
     */
    static Reading read(String answer, Domain domain, List<String> indices) {
        if (answer.length() > MAX_LENGTH) {
            // Checked before any rewriting: the text may be hostile, and rewriting is not linear in its length.
            throw new ExpressionException("expression is too long (" + answer.length() + " characters, at most "
                    + MAX_LENGTH + ")", answer.substring(0, 40) + "...", 0);
        }
        Set<String> names = domain.variableNames();
        List<String> left = Derivatives.find(answer, names, indices);
        if (!left.isEmpty()) {
            return new Unfinished(left);
        }
        if (indices.isEmpty()) {
            refuseSums(AnswerNormaliser.rightHandSide(answer.strip().replace("$", "")));
        }
        AnswerNormaliser.Normalised n = AnswerNormaliser.read(answer, names, IndexedNames.functions(domain.functions()),
                indices);
        if (n.refused().isPresent()) {
            DataSum.Refused r = n.refused().get();
            throw new ExpressionException(r.reason(), r.detail(), n.text(), Math.max(0,
                    n.text().indexOf(DataSum.MARKER)));
        }
        Expression e = domain.parse(n.text());
        List<String> notes = new ArrayList<>(n.notes());
        notes.addAll(e.notes());
        return new Formula(e, notes);
    }

    /** A part that is not per data point reads no sum: say so rather than "unknown variable 'sum_i'". */
    private static void refuseSums(String text) {
        DataSum.Reading sums = DataSum.read(text, List.of());
        if (sums.refused().isPresent()) {
            DataSum.Refused r = sums.refused().get();
            throw new ExpressionException(r.reason(), r.detail(), text, sums.text().indexOf(DataSum.MARKER));
        }
    }
}
