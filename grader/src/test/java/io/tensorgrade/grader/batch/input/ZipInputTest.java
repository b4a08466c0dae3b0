package io.tensorgrade.grader.batch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.batch.input.TestZips.Item;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipInputTest {

    @TempDir
    Path tmp;

    private Path unpack() {
        return tmp.resolve("run/input");
    }

    private static List<String> students(ClassInput input) {
        return input.submissions().stream().map(ClassSubmission::student).toList();
    }

    private Path classZip(String prefix) {
        return TestZips.write(tmp.resolve("class.zip"), List.of(
                Item.file(prefix + "bob/answers.yaml", "q1a: 1\n"),
                Item.file(prefix + "alice/answers.yaml", "q1a: 2\n"),
                Item.file(prefix + "alice/nndl/layers.py", "x = 1\n"),
                Item.file("__MACOSX/" + prefix + "alice/._answers.yaml", "finder")));
    }

    @Test
    void aZipOfFoldersIsReadLikeAFolder() throws IOException {
        ClassInput input = ClassInput.read(classZip(""), unpack());

        assertEquals(List.of("alice", "bob"), students(input));
        assertEquals(unpack().resolve("alice"), input.submissions().get(0).dir());
        assertEquals("x = 1\n", Files.readString(unpack().resolve("alice/nndl/layers.py")));
        assertFalse(Files.exists(unpack().resolve("__MACOSX")), "Finder's folder is not unpacked");
        assertEquals(List.of(), input.notes());
    }

    @Test
    void aZipWithOneWrappingFolderIsUnwrapped() {
        ClassInput input = ClassInput.read(classZip("hw3/"), unpack());

        assertEquals(List.of("alice", "bob"), students(input));
        assertEquals(unpack().resolve("hw3/alice"), input.submissions().get(0).dir());
    }

    @Test
    void aZipOfOneStudentsFolderIsAClassOfOne() {
        Path zip = TestZips.write(tmp.resolve("alice.zip"), List.of(
                Item.file("alice/answers.yaml", "q1a: 2\n"), Item.file("alice/nndl/layers.py", "x = 1\n")));

        ClassInput input = ClassInput.read(zip, unpack());

        assertEquals(List.of("alice"), students(input));
    }

    @Test
    void aZipOfOneSubmissionsFilesIsRefused() {
        Path zip = TestZips.write(tmp.resolve("alice.zip"), List.of(Item.file("answers.yaml", "q1a: 2\n")));

        GraderException e = assertThrows(GraderException.class, () -> ClassInput.read(zip, unpack()));

        assertEquals("INPUT " + zip + " looks like one submission (it has answers.yaml at its top), not a class;"
                + " pass the folder that holds the submission folders, or grade this one with `tensorgrade grade`.",
                e.getMessage());
    }

    @Test
    void readingTheSameZipAgainReusesTheUnpack() throws IOException {
        Path zip = classZip("");
        ClassInput.read(zip, unpack());
        Path mark = Fixtures.write(unpack(), "alice/left-by-the-first-run.txt", "x");

        ClassInput again = ClassInput.read(zip, unpack());

        assertEquals(List.of("alice", "bob"), students(again));
        assertTrue(Files.exists(mark), "the first unpack was reused, not redone");
        assertEquals(ZipUnpack.sha256(zip), ZipUnpack.markedSha(unpack()));
    }

    @Test
    void aChangedZipIsUnpackedAfresh() throws IOException {
        ClassInput.read(classZip(""), unpack());
        Path mark = Fixtures.write(unpack(), "alice/left-by-the-first-run.txt", "x");
        Path changed = TestZips.write(tmp.resolve("class.zip"), List.of(Item.file("carol/answers.yaml", "q1a: 3\n")));

        ClassInput input = ClassInput.read(changed, unpack());

        assertEquals(List.of("carol"), students(input));
        assertFalse(Files.exists(mark));
        assertEquals(List.of("class.zip", "run/input/.tensorgrade-unpack", "run/input/carol/answers.yaml"),
                TestZips.filesUnder(tmp));
    }

    @Test
    void whatACrashLeftBehindIsCleanedUp() throws IOException {
        Fixtures.write(tmp, "run/input.partial/alice/half-written.py", "x =");
        Fixtures.write(tmp, "run/input.stale/bob/old.py", "x = 0");

        ClassInput input = ClassInput.read(classZip(""), unpack());

        assertEquals(List.of("alice", "bob"), students(input));
        assertEquals(List.of("class.zip", "run/input/.tensorgrade-unpack", "run/input/alice/answers.yaml",
                "run/input/alice/nndl/layers.py", "run/input/bob/answers.yaml"), TestZips.filesUnder(tmp));
    }

    @Test
    void anUnpackInterruptedBeforeItsMarkerIsRedone() throws IOException {
        // A folder without the marker that is empty is what a crash before the rename can leave.
        Files.createDirectories(unpack());

        ClassInput input = ClassInput.read(classZip(""), unpack());

        assertEquals(List.of("alice", "bob"), students(input));
    }

    @Test
    void aFolderTensorgradeDidNotMakeIsNotOverwritten() {
        Path own = Fixtures.write(unpack(), "thesis.tex", "\\documentclass{article}");

        GraderException e = assertThrows(GraderException.class, () -> ClassInput.read(classZip(""), unpack()));

        assertEquals("The unpack folder " + unpack() + " exists but was not made by tensorgrade (it has no"
                + " .tensorgrade-unpack); move it away or use another run folder.", e.getMessage());
        assertTrue(Files.exists(own));
    }

    @Test
    void aTruncatedZipIsRefusedNamingTheFile() throws IOException {
        Path zip = classZip("");
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        GraderException e = assertThrows(GraderException.class, () -> ClassInput.read(zip, unpack()));

        assertTrue(e.getMessage().startsWith("Cannot read " + zip + " as a zip: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; check that the file is complete (download it again)."), e.getMessage());
        assertFalse(Files.exists(unpack()));
    }
}
