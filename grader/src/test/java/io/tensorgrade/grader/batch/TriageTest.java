package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.batch.store.SubmissionStatus;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Visibility;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.submission.Submission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TriageTest {

    private static final Path CORRECT = Path.of("../submissions-sample/cnn-sizes-flops/correct");
    private static final String CODE = "getimagenetclasses.py";
    private static Rubric rubric;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadRubric() {
        rubric = RubricLoader.load(Path.of("../rubrics/cnn-sizes-flops.yaml"));
    }

    private Triage.Finding triage(List<PartResult> results) {
        return Triage.of(rubric, Submission.open(dir), results);
    }

    private Triage.Finding triage() {
        return triage(List.of());
    }

    private void code() throws IOException {
        Files.copy(CORRECT.resolve(CODE), dir.resolve(CODE));
    }

    private static PartResult result(String id, Status status, String feedback, boolean timedOut) {
        return new PartResult(id, id, 0, 1, status, feedback, Visibility.VISIBLE, List.of(), null, "", timedOut);
    }

    @Test
    void anEmptyFolderNeedsReview() {
        assertEquals(new Triage.Finding(SubmissionStatus.NEEDS_REVIEW, "the folder is empty"), triage());
    }

    @Test
    void aFolderWithOnlyHiddenFilesIsEmpty() {
        Fixtures.write(dir, ".DS_Store", "x");
        Fixtures.write(dir, "__MACOSX/._answers.yaml", "x");
        assertEquals("the folder is empty", triage().reason());
    }

    @Test
    void aUtf16AnswersFileNeedsReviewNamingUtf16() throws IOException {
        code();
        byte[] text = "q1_conv_out: 7x7x12\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[text.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(text, 0, bytes, 2, text.length);
        Files.write(dir.resolve("answers.yaml"), bytes);

        Triage.Finding f = triage();

        assertEquals(SubmissionStatus.NEEDS_REVIEW, f.status());
        assertEquals("answers.yaml is UTF-16 text, not UTF-8 (saved by Windows Notepad or PowerShell?)", f.reason());
    }

    @Test
    void aUtf16AnswersFileWithoutAByteOrderMarkIsNamedByItsNulBytes() throws IOException {
        code();
        Files.write(dir.resolve("answers.yaml"), "q1_conv_out: 7x7x12\n".getBytes(StandardCharsets.UTF_16LE));

        Triage.Finding f = triage();

        assertEquals(SubmissionStatus.NEEDS_REVIEW, f.status());
        assertTrue(f.reason().startsWith("answers.yaml has NUL bytes: UTF-16 text without a byte-order mark"),
                f.reason());
    }

    @Test
    void aLatin1AnswersFileIsNotUtf8() throws IOException {
        code();
        Files.write(dir.resolve("answers.yaml"), "q1_conv_out: 7x7x12  # é\n".getBytes(StandardCharsets.ISO_8859_1));

        Triage.Finding f = triage();

        assertEquals(SubmissionStatus.NEEDS_REVIEW, f.status());
        assertEquals("answers.yaml is not UTF-8 text (another encoding, e.g. Latin-1 or Windows-1252)", f.reason());
    }

    @Test
    void anAnswersFileWithASyntaxErrorNeedsReview() throws IOException {
        code();
        Fixtures.write(dir, "answers.yaml", "q1_conv_out: [7, 7\n");

        Triage.Finding f = triage();

        assertEquals(SubmissionStatus.NEEDS_REVIEW, f.status());
        assertTrue(f.reason().startsWith("the answers file could not be read: answers.yaml:"), f.reason());
    }

    @Test
    void aMisnamedAnswersFileIsNamed() throws IOException {
        code();
        Fixtures.write(dir, "answer.yaml", "q1_conv_out: 7x7x12\n");

        Triage.Finding f = triage();

        assertEquals(SubmissionStatus.NEEDS_REVIEW, f.status());
        assertEquals("answers.yaml is missing but answer.yaml is here", f.reason());
    }

    @Test
    void anAnswersFileInAnotherLetterCaseIsReadSoNeedsNoReview() throws IOException {
        code();
        Files.copy(CORRECT.resolve("answers.yaml"), dir.resolve("Answers.yml"));

        assertEquals(SubmissionStatus.GRADED, triage().status(), triage().reason());
    }

    @Test
    void aCopySuffixedCodeFileIsNamed() throws IOException {
        Files.copy(CORRECT.resolve("answers.yaml"), dir.resolve("answers.yaml"));
        Files.copy(CORRECT.resolve(CODE), dir.resolve("getimagenetclasses (1).py"));

        assertEquals("getimagenetclasses.py is missing but getimagenetclasses (1).py is here", triage().reason());
    }

    @Test
    void aCodeFileInASubFolderNextToTheAnswersIsNamedForReview() throws IOException {
        // The grader looks one folder down only when that folder is all there is: here the code is not graded.
        Files.copy(CORRECT.resolve("answers.yaml"), dir.resolve("answers.yaml"));
        Files.createDirectories(dir.resolve("hw3"));
        Files.copy(CORRECT.resolve(CODE), dir.resolve("hw3").resolve(CODE));

        assertEquals(new Triage.Finding(SubmissionStatus.NEEDS_REVIEW, "getimagenetclasses.py is missing but"
                + " hw3/getimagenetclasses.py is here"), triage());
    }

    @Test
    void anUploadInsideOneFolderNeedsNoReview() throws IOException {
        Files.createDirectories(dir.resolve("hw3"));
        Files.copy(CORRECT.resolve("answers.yaml"), dir.resolve("hw3/answers.yaml"));
        Files.copy(CORRECT.resolve(CODE), dir.resolve("hw3").resolve(CODE));

        assertEquals(new Triage.Finding(SubmissionStatus.GRADED, ""), triage());
    }

    @Test
    void aFolderWithNoneOfTheExpectedFilesSaysWhatItHolds() {
        Fixtures.write(dir, "report.pdf", "%PDF-1.4");

        Triage.Finding f = triage();

        assertEquals(SubmissionStatus.NEEDS_REVIEW, f.status());
        assertEquals("none of the expected files (answers.yaml, getimagenetclasses.py) is here; the folder holds"
                + " report.pdf", f.reason());
    }

    @Test
    void aCorrectFolderIsGradedWithNoReason() throws IOException {
        try (Stream<Path> files = Files.list(CORRECT)) {
            for (Path p : files.toList()) {
                Files.copy(p, dir.resolve(p.getFileName().toString()));
            }
        }
        assertEquals(new Triage.Finding(SubmissionStatus.GRADED, ""), triage());
    }

    @Test
    void aPartWithAnErrorIsAnErrorNamingThePart() {
        Triage.Finding f = triage(List.of(result("q1_conv_out", Status.PASSED, "Correct.", false),
                result("q2_dE_dw12", Status.ERROR, "The check crashed.\n\nstack ...", false)));
        assertEquals(new Triage.Finding(SubmissionStatus.ERROR, "not the student's fault: q2_dE_dw12: The check"
                + " crashed."), f);
    }

    @Test
    void aPartThatTimedOutIsATimeoutNamingThePart() {
        Triage.Finding f = triage(List.of(result("c1_parsesynsetwords", Status.FAILED, "Too slow.", true)));
        assertEquals(new Triage.Finding(SubmissionStatus.TIMEOUT, "code ran past its time limit in"
                + " c1_parsesynsetwords"), f);
    }

    @Test
    void anErrorWinsOverATimeoutAndATimeoutOverAReview() {
        PartResult error = result("q1_conv_out", Status.ERROR, "Crashed.", false);
        PartResult slow = result("c2_parseclasslabel", Status.FAILED, "Too slow.", true);
        assertEquals(SubmissionStatus.ERROR, triage(List.of(slow, error)).status());
        assertEquals(SubmissionStatus.TIMEOUT, triage(List.of(slow)).status());
        assertEquals(SubmissionStatus.NEEDS_REVIEW, triage(List.of()).status());
    }
}
