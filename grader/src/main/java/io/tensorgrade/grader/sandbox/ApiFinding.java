package io.tensorgrade.grader.sandbox;

import java.util.Objects;

/**
 * A use of a forbidden API found by the static scan, which runs before any student code.
 *
 * @param file    the student file (a notebook cell is {@code nb.ipynb [cell 3]})
 * @param line    1-based line, 0 when unknown
 * @param column  0-based column
 * @param kind    a direct use, an evasion pattern, or a file that could not be scanned
 * @param api     the forbidden name or the pattern (e.g. {@code getattr}, {@code importlib})
 * @param message a sentence for the student, starting with the line
 * @param steps   the ids of the steps whose forbid list the finding concerns; empty when it concerns every
 *                step (a job with one forbid list, or a scan that failed)
 * @param graded  the graded file whose scan found it: {@code file} itself, or a graded file that imports
 *                {@code file} (a course module such as {@code nndl/layers.py}); "" when unknown
 */
public record ApiFinding(String file, int line, int column, Kind kind, String api, String message,
                         java.util.List<String> steps, String graded) {
    public ApiFinding {
        Objects.requireNonNull(file, "file");
        graded = graded == null ? "" : graded;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(message, "message");
        steps = java.util.List.copyOf(steps);
    }

    /** A finding that concerns every step. */
    public ApiFinding(String file, int line, int column, Kind kind, String api, String message) {
        this(file, line, column, kind, api, message, java.util.List.of(), "");
    }

    /** A finding of the graded file itself, for the given steps. */
    public ApiFinding(String file, int line, int column, Kind kind, String api, String message,
                      java.util.List<String> steps) {
        this(file, line, column, kind, api, message, steps, "");
    }

    /** Whether the finding concerns the graded file {@code name} (as the job names it). */
    public boolean concernsFile(String name) {
        return file.equals("*") || file.equals(name) || file.startsWith(name + " [") || graded.equals(name);
    }

    /** Whether the finding concerns some step for which {@code stepIds} says yes. */
    public boolean concerns(java.util.function.Predicate<String> stepIds) {
        return steps.isEmpty() || steps.stream().anyMatch(stepIds);
    }

    /** What the scan found. */
    public enum Kind {
        /** A forbidden API named directly or through an alias. */
        FORBIDDEN,
        /** A pattern that can reach any API by a computed name (getattr, importlib, eval, torch._C, ...). */
        EVASION,
        /** The file (or the scan itself) failed, so its API use is unknown. */
        UNSCANNABLE
    }
}
