package io.tensorgrade.grader.batch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.GraderException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture is an export in Gradescope's layout: assignment_4242_export/ with the metadata and folders. */
class GradescopeExportTest {

    private static final Path EXPORT = Fixtures.path("batch/input/gradescope-export");
    private static final Path ROOT = EXPORT.resolve("assignment_4242_export");

    private static final List<String> FIXTURE_NOTES = List.of(
            "submission_1005 is not in submission_metadata.yml: graded without submitters.",
            "submission_metadata.yml lists submission_1006, but the export has no folder submission_1006:"
                    + " nothing to grade for it.",
            "carol@x.edu is on submission_1002 (2024-03-01T17:00:00Z) and submission_1003"
                    + " (2024-03-02T18:15:00.250Z): graded the later one, submission_1003.");

    @TempDir
    Path tmp;

    private static List<String> students(ClassInput input) {
        return input.submissions().stream().map(ClassSubmission::student).toList();
    }

    /** The submissions with their folders made relative to the export root, so zip and folder compare. */
    private static List<String> described(ClassInput input, Path root) {
        return input.submissions().stream().map(s -> s.student() + " " + root.relativize(s.dir()) + " "
                + s.submitters() + " " + s.submittedAt() + " " + s.gradescopeScore()).toList();
    }

    @Test
    void readsSubmittersTimesAndScoresFromTheMetadata() {
        ClassInput input = ClassInput.read(ROOT, null);

        assertEquals(List.of("submission_1001", "submission_1003", "submission_1004", "submission_1005"),
                students(input));
        ClassSubmission group = input.submissions().get(0);
        assertEquals(List.of(new Submitter("Alice Liddell", "0012345", "alice@x.edu"),
                new Submitter("Bob Builder", "0012346", "bob@x.edu")), group.submitters());
        assertEquals(Instant.parse("2024-03-01T20:34:56.789Z"), group.submittedAt());
        assertEquals(7.5, group.gradescopeScore());
        assertEquals(ROOT.resolve("submission_1001"), group.dir());
        ClassSubmission noSid = input.submissions().get(2);
        assertEquals(List.of(new Submitter("Dave Lister", null, "dave@x.edu")), noSid.submitters());
        assertEquals(null, noSid.gradescopeScore());
        ClassSubmission unlisted = input.submissions().get(3);
        assertEquals(List.of(), unlisted.submitters());
        assertEquals(null, unlisted.submittedAt());
        assertEquals(FIXTURE_NOTES, input.notes());
    }

    @Test
    void theZippedAndTheExtractedExportGiveTheSameSubmissions() {
        Path zip = TestZips.ofTree(EXPORT, "", tmp.resolve("assignment_4242_export.zip"));
        Path unpack = tmp.resolve("run/input");

        ClassInput zipped = ClassInput.read(zip, unpack);
        ClassInput extracted = ClassInput.read(ROOT, null);

        assertEquals(described(extracted, ROOT), described(zipped, unpack.resolve("assignment_4242_export")));
        assertEquals(extracted.notes(), zipped.notes());
    }

    @Test
    void theFolderAnExportWasExtractedIntoIsUnwrapped() {
        ClassInput input = ClassInput.read(EXPORT, null);

        assertEquals(List.of("submission_1001", "submission_1003", "submission_1004", "submission_1005"),
                students(input));
        assertEquals(FIXTURE_NOTES, input.notes());
    }

    @Test
    void aGroupIsDroppedOnlyWhenEverySubmitterHasALaterSubmission() {
        Path root = tmp.resolve("export");
        Fixtures.write(root, "submission_metadata.yml", """
                submission_1:
                  :submitters:
                  - :name: Ann
                    :sid: '1'
                    :email: ann@x.edu
                  - :name: Ben
                    :sid: '2'
                    :email: ben@x.edu
                  :created_at: 2024-03-01 10:00:00.000000000 Z
                submission_2:
                  :submitters:
                  - :name: Ann
                    :sid: '1'
                    :email: ann@x.edu
                  :created_at: 2024-03-02 10:00:00.000000000 Z
                submission_3:
                  :submitters:
                  - :name: Cy
                    :sid: '3'
                    :email: cy@x.edu
                  - :name: Di
                    :sid: '4'
                    :email: di@x.edu
                  :created_at: 2024-03-01 10:00:00.000000000 Z
                submission_4:
                  :submitters:
                  - :name: Cy
                    :sid: '3'
                    :email: cy@x.edu
                  :created_at: 2024-03-02 10:00:00.000000000 Z
                submission_5:
                  :submitters:
                  - :name: Di
                    :sid: '4'
                    :email: di@x.edu
                  :created_at: 2024-03-03 10:00:00.000000000 Z
                """);
        for (int i = 1; i <= 5; i++) {
            Fixtures.write(root, "submission_" + i + "/answers.yaml", "q1a: " + i + "\n");
        }

        ClassInput input = ClassInput.read(root, null);

        // Ben has nothing later than submission_1, so it stays; Cy and Di both moved on from submission_3.
        assertEquals(List.of("submission_1", "submission_2", "submission_4", "submission_5"), students(input));
        assertEquals(List.of(
                "cy@x.edu is on submission_3 (2024-03-01T10:00:00Z) and submission_4 (2024-03-02T10:00:00Z):"
                        + " graded the later one, submission_4.",
                "di@x.edu is on submission_3 (2024-03-01T10:00:00Z) and submission_5 (2024-03-03T10:00:00Z):"
                        + " graded the later one, submission_5.",
                "ann@x.edu is on submission_1 (2024-03-01T10:00:00Z) and submission_2 (2024-03-02T10:00:00Z):"
                        + " each is graded, because none is later for every one of its submitters (a group partner"
                        + " has nothing newer, or the times are equal or unknown); check which counts."),
                input.notes());
    }

    @Test
    void theSameEmailWithoutAStudentIdIsTheSameStudent() {
        Path root = tmp.resolve("export");
        Fixtures.write(root, "submission_metadata.yml", """
                submission_7:
                  :submitters:
                  - :name: Eve
                    :sid:
                    :email: Eve@X.edu
                  :created_at: '2024-03-05T08:00:00-0800'
                submission_8:
                  :submitters:
                  - :name: Eve
                    :sid:
                    :email: eve@x.edu
                  :created_at: 2024-03-05 07:00:00 -0800
                """);
        Fixtures.write(root, "submission_7/answers.yaml", "q1a: 1\n");
        Fixtures.write(root, "submission_8/answers.yaml", "q1a: 2\n");

        ClassInput input = ClassInput.read(root, null);

        assertEquals(List.of("submission_7"), students(input));
        assertEquals(List.of("eve@x.edu is on submission_8 (2024-03-05T15:00:00Z) and submission_7"
                + " (2024-03-05T16:00:00Z): graded the later one, submission_7."), input.notes());
    }

    @Test
    void anUnreadableTimeIsANoteAndTheSubmissionIsKept() {
        Path root = tmp.resolve("export");
        Fixtures.write(root, "submission_metadata.yml", """
                submission_1:
                  :submitters:
                  - :name: Ann
                    :sid: '1'
                    :email: ann@x.edu
                  :created_at: yesterday at noon
                  :unknown_key: {nested: [1, 2]}
                """);
        Fixtures.write(root, "submission_1/answers.yaml", "q1a: 1\n");

        ClassInput input = ClassInput.read(root, null);

        assertEquals(List.of("submission_1"), students(input));
        assertEquals(null, input.submissions().get(0).submittedAt());
        assertEquals(List.of("submission_metadata.yml: the :created_at of submission_1 ('yesterday at noon') is not"
                + " a time tensorgrade can read; its submission time is unknown."), input.notes());
    }

    @Test
    void brokenMetadataIsRefusedNamingTheFile() {
        Path root = tmp.resolve("export");
        Path metadata = Fixtures.write(root, "submission_metadata.yml", "submission_1:\n  :submitters: [\n");
        Fixtures.write(root, "submission_1/answers.yaml", "q1a: 1\n");

        GraderException e = assertThrows(GraderException.class, () -> ClassInput.read(root, null));

        // SnakeYAML words the syntax error itself; the sentence around it is ours
        assertTrue(e.getMessage().startsWith("Cannot read " + metadata
                + " as a Gradescope export's metadata (line "), e.getMessage());
        assertTrue(e.getMessage().endsWith("); download the export from Gradescope again, or delete the file"
                + " to grade the folders without submitters."), e.getMessage());
    }

    @Test
    void anExportWithoutFoldersIsRefused() {
        Path root = tmp.resolve("export");
        Fixtures.write(root, "submission_metadata.yml", "submission_1:\n  :submitters: []\n");
        Fixtures.write(root, "submission_1.pdf", "%PDF");

        GraderException e = assertThrows(GraderException.class, () -> ClassInput.read(root, null));

        assertEquals("No submission folders in the Gradescope export " + root + " (submission_metadata.yml lists 1);"
                + " export the submissions of a programming assignment, whose submissions are folders.",
                e.getMessage());
    }
}
