package io.tensorgrade.grader.submission;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.GraderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmissionTest {

    private static final Set<String> PARTS = Set.of("q1a", "q1b", "q1c", "q2");

    private static Submission open(String fixture) {
        return Submission.open(Fixtures.path("submission/" + fixture));
    }

    @Test
    void readsAnswersYamlWithTheLineOfEachAnswer() {
        Submission s = open("yaml");
        Answer a = s.answer("q1c");
        assertEquals("564,756", a.text());
        assertEquals("answers.yaml:2", a.location());
        assertEquals(Set.of("q1a", "q1c"), s.answeredIds());
        assertTrue(s.warnings().isEmpty());
    }

    @Test
    void readsAnswersYmlAndAnswersJson() {
        assertEquals("12x7x7", open("yml").answer("q1a").text());
        Answer json = open("json").answer("q1c");
        assertEquals("564756", json.text());
        assertEquals("answers.json:3", json.location());
    }

    @Test
    void aMissingAnswerNamesThePartAndTheFile() {
        AnswerUnavailableException e = assertThrows(AnswerUnavailableException.class,
                () -> open("yaml").expecting(PARTS).answer("q1b"));
        assertEquals("No answer for q1b in answers.yaml.", e.getMessage());
    }

    @Test
    void aMissingAnswerPointsAtAnEntryThatLooksLikeATypo() {
        AnswerUnavailableException e = assertThrows(AnswerUnavailableException.class,
                () -> open("typo").expecting(PARTS).answer("q1c"));
        assertEquals("No answer for q1c in answers.yaml (line 2 has 'q1_c': if it is meant for q1c, rename it).",
                e.getMessage());
    }

    @Test
    void anEmptyEntryCountsAsNoAnswer() {
        AnswerUnavailableException e = assertThrows(AnswerUnavailableException.class,
                () -> open("empty-entry").answer("q1a"));
        assertEquals("No answer for q1a in answers.yaml: the entry at line 1 is empty.", e.getMessage());
    }

    @Test
    void aFolderWithoutAnswersFileGivesNoAnswerForEveryPart(@TempDir Path dir) {
        AnswerUnavailableException e = assertThrows(AnswerUnavailableException.class,
                () -> Submission.open(dir).answer("q2"));
        assertEquals("No answer for q2: the submission has no answers.yaml (nor answers.yml or answers.json).",
                e.getMessage());
    }

    @Test
    void aSyntaxErrorCostsOnlyTheBrokenEntryAndIsReportedOnceWhereItStarts() {
        Submission s = open("malformed");  // line 3 "  q2: 0.73" is indented under q1c (line 2)
        assertTrue(s.answersError().isEmpty());
        assertEquals("[12, 7, 7]", s.answer("q1a").value().flow());
        AnswerUnavailableException e = assertThrows(AnswerUnavailableException.class, () -> s.answer("q1c"));
        assertTrue(e.unreadable());
        assertTrue(e.getMessage().startsWith("Could not read the answer to q1c in answers.yaml, line 2: syntax error"),
                e.getMessage());
        assertEquals(1, s.warnings().stream().filter(w -> w.contains("could not be read")).count(), s.warnings()
                .toString());
        assertTrue(s.warnings().get(0).startsWith("answers.yaml: the entry 'q1c' could not be read (line 2:"),
                s.warnings().get(0));
    }

    @Test
    void aBrokenFlowListIsReportedAtItsOwnLineAndTheNextEntriesAreRead(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("answers.yaml"), "q1a: [12, 7, 7]\nq1b: [12, 3, 3\nq1c: 564756\nq2: 0.73\n");
        Submission s = Submission.open(dir);
        assertEquals("564756", s.answer("q1c").value().flow());
        assertEquals("0.73", s.answer("q2").value().flow());
        AnswerUnavailableException e = assertThrows(AnswerUnavailableException.class, () -> s.answer("q1b"));
        assertTrue(e.getMessage().contains("q1b in answers.yaml, line 2:"), e.getMessage());
    }

    @Test
    void aFileWithNoEntryAtAllIsStillUnreadableAsAWhole(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("answers.yaml"), "[1, 2\n");
        Submission s = Submission.open(dir);
        assertTrue(s.answersError().orElseThrow().startsWith("answers.yaml:"), s.answersError().toString());
        assertTrue(assertThrows(AnswerUnavailableException.class, () -> s.answer("q1a")).unreadable());
    }

    @Test
    void utf16WithAByteOrderMarkIsReadAndSaidSo(@TempDir Path dir) throws IOException {
        byte[] text = "q1c: 564756\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[text.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(text, 0, bytes, 2, text.length);
        Files.write(dir.resolve("answers.yaml"), bytes);
        Submission s = Submission.open(dir);
        assertEquals("564756", s.answer("q1c").value().flow());
        assertTrue(s.warnings().get(0).startsWith("answers.yaml is UTF-16 text"), s.warnings().toString());
    }

    @Test
    void utf16WithoutAByteOrderMarkIsRead(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("answers.yaml"), "q1c: 564756\n".getBytes(java.nio.charset.StandardCharsets.UTF_16BE));
        assertEquals("564756", Submission.open(dir).answer("q1c").value().flow());
    }

    @Test
    void utf8WithAByteOrderMarkIsReadAndSaidSo(@TempDir Path dir) throws IOException {
        byte[] text = "q1c: 564756\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);
        Files.write(dir.resolve("answers.yaml"), bytes);
        Submission s = Submission.open(dir);
        assertEquals("564756", s.answer("q1c").value().flow());
        assertTrue(s.warnings().get(0).contains("UTF-8 byte-order mark"), s.warnings().toString());
    }

    @Test
    void latin1IsReadAsWindows1252AndSaidSo(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("answers.yaml"), "q2: \"r\u00e9ponse\"\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Submission s = Submission.open(dir);
        assertEquals("r\u00e9ponse", ((io.tensorgrade.grader.yaml.YamlScalar) s.answer("q2").value()).text());
        assertTrue(s.warnings().get(0).contains("not UTF-8 text; it was read as Latin-1"), s.warnings().toString());
    }

    @Test
    void aListInsteadOfAMappingIsMalformed() {
        assertEquals("answers.yaml:1: expected a mapping from part id to answer (like 'q1a: 42'), found a list of"
                + " 2 items", open("not-a-map").answersError().orElseThrow());
    }

    @Test
    void unknownPartIdsAreWarningsWithSuggestions() {
        List<String> warnings = open("typo").unknownAnswerWarnings(PARTS);
        assertEquals(List.of(
                "answers.yaml:2: 'q1_c' is not a part of this assignment (did you mean 'q1c'?); it was ignored.",
                "answers.yaml:4: 'bonus' is not a part of this assignment; it was ignored."), warnings);
    }

    @Test
    void severalAnswersFilesAreAWarningAndYamlWins() {
        Submission s = open("two-files");
        assertEquals("[12, 7, 7]", s.answer("q1a").text());
        assertEquals(List.of("Several answers files found (answers.yaml, answers.json); only answers.yaml was read."),
                s.warnings());
    }

    @Test
    void duplicateAnswerKeysAreWarnings(@TempDir Path dir) {
        Fixtures.write(dir, "answers.yaml", "q1a: 1\nq1a: 2\n");
        Submission s = Submission.open(dir);
        assertEquals("2", s.answer("q1a").text());
        assertEquals(List.of("answers.yaml:2: q1a: duplicate key (first at line 1); the later value is used"),
                s.warnings());
    }

    @Test
    void aMissingFolderIsAGraderException(@TempDir Path dir) {
        GraderException e = assertThrows(GraderException.class, () -> Submission.open(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void filesResolveInsideTheFolderOnly(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hw4.py"), "x = 1\n");
        Submission s = Submission.open(dir);
        assertEquals(dir.toAbsolutePath().normalize().resolve("hw4.py"), s.file("hw4.py"));
        GraderException e = assertThrows(GraderException.class, () -> s.file("../../etc/passwd"));
        assertEquals("The file '../../etc/passwd' is outside the submission folder.", e.getMessage());
    }
}
