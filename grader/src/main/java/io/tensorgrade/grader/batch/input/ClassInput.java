package io.tensorgrade.grader.batch.input;

import java.nio.file.Path;
import java.util.List;

/**
 * What INPUT held: the submissions in student order (sorted by key) and notes for the TA (superseded
 * submissions, skipped files, metadata that did not match a folder).
 */
public record ClassInput(List<ClassSubmission> submissions, List<String> notes) {

    public ClassInput {
        submissions = List.copyOf(submissions);
        notes = List.copyOf(notes);
    }

    /**
     * Reads INPUT: a folder of submission folders; a Gradescope "Export Submissions" zip or its extracted
     * folder; or a zip of folders. Zips are unpacked (safely) into {@code unpackDir}, which must be inside
     * the run folder (it may be null when INPUT is a folder). Unpacking again after a crash is safe: the zip
     * is unpacked into a temporary sibling that is renamed when complete, and an {@code unpackDir} that
     * already holds a complete unpack of the same zip (same SHA-256) is reused.
     *
     * @throws io.tensorgrade.grader.GraderException naming the file or zip entry and how to fix it
     */
    public static ClassInput read(Path input, Path unpackDir) {
        return new InputReader(new SafeUnzip(SafeUnzip.Limits.DEFAULT)).read(input, unpackDir);
    }
}
