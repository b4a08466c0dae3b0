package io.tensorgrade.grader.result;

import java.util.Locale;

/** The outcome of one part. */
public enum Status {
    /** Full points. */
    PASSED,
    /** Some points, not all. */
    PARTIAL,
    /** No points: the answer is wrong or missing. */
    FAILED,
    /** No points: the answer is there but could not be read (a syntax or format error); staff may want a look. */
    UNREADABLE,
    /** No points because the check itself failed; not the student's fault. */
    ERROR,
    /** Not run here (e.g. a hidden part during the students' pre-check). */
    SKIPPED;

    /** Lower-case name for reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
