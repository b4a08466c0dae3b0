package io.tensorgrade.grader.check;

import io.tensorgrade.grader.result.Verdict;


/**
 * One rubric part's check, built once from the rubric by its {@link CheckKind} (so its config is
 * already validated) and then run against any number of submissions. Implementations must be
 * immutable and thread-safe: batch regrading calls {@link #grade} from several threads.
 */
public interface Check {

    /** What the reference says the answer is, with its derivation; for {@code rubric explain}. */
    Expected expected();

    /** What the student must enter and in which form, e.g. "a list of sizes, e.g. [3, 32, 32]". */
    String answerForm();

    /**
     * Grades one submission. Throwing is allowed: an {@link io.tensorgrade.grader.submission.AnswerUnavailableException}
     * or {@link AnswerFormatException} gives zero with its message (status failed); any other
     * runtime exception gives zero with the reason (status error). Other parts are graded anyway.
     */
    Verdict grade(CheckContext context);

    /**
     * The accepted alternatives and known mistakes this check recognises (the rubric's and the built-in
     * ones), in matching order; for {@code rubric explain}. Empty when it has none.
     */
    default java.util.List<CatalogueEntry> catalogue() {
        return java.util.List.of();
    }

    /**
     * This check as one that can share the submission's sandbox job with other parts, or null when it does
     * not run student functions that way.
     */
    default SandboxedCheck sandboxed() {
        return null;
    }

    /**
     * Whether grading scores a model on a held-out set (many images through the inference): the JVM that grades
     * such a rubric wants the Vector API ({@code --add-modules jdk.incubator.vector}).
     */
    default boolean scoresModel() {
        return false;
    }

    /**
     * The files of the submission this part reads besides the answers file (a code file, a checkpoint), as
     * the rubric names them; a regrade's triage looks for them. Empty for parts answered in the answers file.
     */
    default java.util.List<String> submittedFiles() {
        return java.util.List.of();
    }

    /** Whether the part is answered in the answers file (false for checks that run submitted code). */
    default boolean needsAnswer() {
        return true;
    }
}
