package io.tensorgrade.grader.cli;

/** {@code --format=text|json|gradescope}. */
enum ReportFormat {
    TEXT, JSON, GRADESCOPE
}
