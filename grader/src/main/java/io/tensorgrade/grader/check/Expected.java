package io.tensorgrade.grader.check;

import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import java.util.Objects;

/**
 * What the reference says a part's answer is: the value as text ({@code [12, 7, 7]}) and how it
 * is obtained ({@code floor((14 - 4 + 2*1)/2) + 1 = 7}; empty when there is nothing to derive).
 * Used by {@code rubric explain} and in feedback.
 */
public record Expected(String value, String derivation) {

    public Expected {
        Objects.requireNonNull(value, "value");
        derivation = derivation == null ? "" : derivation.strip();
    }

    public static Expected of(String value) {
        return new Expected(value, "");
    }

    public boolean hasDerivation() {
        return !derivation.isEmpty();
    }

    /** {@code verdict}, with the derivation as a hint ("How to get it: ...") when it did not pass. */
    public Verdict hintIfWrong(Verdict verdict) {
        return verdict.status() != Status.PASSED && hasDerivation()
                ? verdict.withNote("How to get it: " + derivation) : verdict;
    }
}
