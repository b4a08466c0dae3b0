package io.tensorgrade.grader.batch.input;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One submission folder of a class.
 *
 * @param student         the key of this submission in the run: the folder's name (e.g. {@code alice} or
 *                        {@code submission_123456}); unique in a {@link ClassInput}
 * @param dir             the folder with the student's files (absolute)
 * @param submitters      who submitted it (empty when unknown)
 * @param submittedAt     when it was submitted (Gradescope's {@code :created_at}), null when unknown
 * @param gradescopeScore the score Gradescope shows in the export, null when unknown
 */
public record ClassSubmission(String student, Path dir, List<Submitter> submitters, Instant submittedAt,
                              Double gradescopeScore) {

    public ClassSubmission {
        if (student == null || student.isBlank()) {
            throw new IllegalArgumentException("student must be a folder name, got '" + student + "'");
        }
        dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        submitters = submitters == null ? List.of() : List.copyOf(submitters);
    }
}
