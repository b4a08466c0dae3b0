package io.tensorgrade.grader.batch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.GraderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderInputTest {

    @TempDir
    Path tmp;

    private static List<String> students(ClassInput input) {
        return input.submissions().stream().map(ClassSubmission::student).toList();
    }

    @Test
    void eachSubFolderIsOneSubmissionInNameOrder() {
        Path cls = tmp.resolve("class");
        Fixtures.write(cls, "bob/answers.yaml", "q1a: 1\n");
        Fixtures.write(cls, "alice/answers.yaml", "q1a: 2\n");
        Fixtures.write(cls, "alice/nndl/layers.py", "x = 1\n");

        ClassInput input = ClassInput.read(cls, null);

        assertEquals(List.of("alice", "bob"), students(input));
        ClassSubmission alice = input.submissions().get(0);
        assertEquals(cls.resolve("alice").toAbsolutePath(), alice.dir());
        assertEquals(List.of(), alice.submitters());
        assertEquals(null, alice.submittedAt());
        assertEquals(null, alice.gradescopeScore());
        assertEquals(List.of(), input.notes());
    }

    @Test
    void hiddenEntriesAndMacosxFoldersAreSkippedSilently() throws IOException {
        Path cls = tmp.resolve("class");
        Fixtures.write(cls, "alice/answers.yaml", "q1a: 2\n");
        Fixtures.write(cls, ".git/config", "[core]\n");
        Fixtures.write(cls, ".DS_Store", "x");
        Fixtures.write(cls, "__MACOSX/alice/._answers.yaml", "x");
        Files.createDirectories(cls.resolve(".ipynb_checkpoints"));

        ClassInput input = ClassInput.read(cls, null);

        assertEquals(List.of("alice"), students(input));
        assertEquals(List.of(), input.notes());
    }

    @Test
    void aFileAtTheTopIsIgnoredWithANote() {
        Path cls = tmp.resolve("class");
        Fixtures.write(cls, "alice/answers.yaml", "q1a: 2\n");
        Fixtures.write(cls, "notes.txt", "grade by Friday\n");

        ClassInput input = ClassInput.read(cls, null);

        assertEquals(List.of("alice"), students(input));
        assertEquals(List.of("ignored file notes.txt at the top of INPUT: submissions are folders"), input.notes());
    }

    @Test
    void aFolderThatIsOneSubmissionIsRefused() {
        Path alice = tmp.resolve("alice");
        Fixtures.write(alice, "answers.yaml", "q1a: 2\n");

        GraderException e = assertThrows(GraderException.class, () -> ClassInput.read(alice, null));

        assertEquals("INPUT " + alice + " looks like one submission (it has answers.yaml at its top), not a class;"
                + " pass the folder that holds the submission folders, or grade this one with `tensorgrade grade`.",
                e.getMessage());
    }

    @Test
    void aSubmissionWithItsPackageFolderIsStillRefused() {
        // A real submission: answers.json next to the nndl/ package; nndl is not a student.
        Path alice = tmp.resolve("alice");
        Fixtures.write(alice, "answers.json", "{\"q1a\": 2}\n");
        Fixtures.write(alice, "nndl/layers.py", "x = 1\n");

        GraderException e = assertThrows(GraderException.class, () -> ClassInput.read(alice, null));

        assertEquals("INPUT " + alice + " looks like one submission (it has answers.json at its top), not a class;"
                + " pass the folder that holds the submission folders, or grade this one with `tensorgrade grade`.",
                e.getMessage());
    }

    @Test
    void aFolderOfPythonFilesOnlyIsRefusedAsOneSubmission() {
        Path alice = tmp.resolve("alice");
        Fixtures.write(alice, "layers.py", "x = 1\n");

        GraderException e = assertThrows(GraderException.class, () -> ClassInput.read(alice, null));

        assertEquals("INPUT " + alice + " looks like one submission (it has layers.py and no folders at its top),"
                + " not a class; pass the folder that holds the submission folders, or grade this one with"
                + " `tensorgrade grade`.", e.getMessage());
    }

    @Test
    void aFolderWithoutSubFoldersIsRefused() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Fixtures.write(empty, "README.md", "nothing here\n");

        GraderException e = assertThrows(GraderException.class, () -> ClassInput.read(empty, null));

        assertEquals("No submission folders in " + empty + "; INPUT must be a folder with one folder per submission,"
                + " a zip of such folders, or a Gradescope export (zip or folder).", e.getMessage());
    }

    @Test
    void aMissingInputIsRefused() {
        Path missing = tmp.resolve("nope");

        GraderException e = assertThrows(GraderException.class, () -> ClassInput.read(missing, tmp.resolve("u")));

        assertEquals("INPUT " + missing + " does not exist; pass a folder with one folder per submission, a zip of"
                + " such folders, or a Gradescope export (zip or folder).", e.getMessage());
    }

    @Test
    void aFileThatIsNotAZipIsRefused() {
        Path tar = Fixtures.write(tmp, "class.tar.gz", "not a zip");

        GraderException e = assertThrows(GraderException.class, () -> ClassInput.read(tar, tmp.resolve("u")));

        assertEquals("INPUT " + tar + " is a file but not a zip; pass a folder with one folder per submission, a zip"
                + " of such folders, or a Gradescope export (zip or folder).", e.getMessage());
    }

    @Test
    void aFolderHoldingThisRunsFilesIsNotAStudent() {
        Path cls = tmp.resolve("class");
        Fixtures.write(cls, "alice/answers.yaml", "q1a: 2\n");
        Fixtures.write(cls, "run/store.db", "x");

        ClassInput input = ClassInput.read(cls, cls.resolve("run/input"));

        assertEquals(List.of("alice"), students(input));
        assertEquals(List.of("skipped folder run of INPUT: it holds this run's own files."), input.notes());
    }
}
