package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.sandbox.Arg;
import io.tensorgrade.grader.sandbox.PyValue;
import io.tensorgrade.grader.submission.Submission;
import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rubric side of {@code check: json_function}: keys, validation, data folders, steps; no Python needed. */
class JsonFunctionKindTest {

    static final String SYNSETS = "file: getimagenetclasses.py\nfunction: parsesynsetwords\n"
            + "reference: imagenet_synsets\ndata: labels\ncases:\n  - {synsets: synset_words.txt}\n";
    static final String LABEL = "file: getimagenetclasses.py\nfunction: parseclasslabel\n"
            + "reference: imagenet_class_label\ndata: labels\ncases:\n  - {xml: a.xml, synsets: synset_words.txt}\n";

    @TempDir
    Path dir;

    private Check create(String yaml, List<Problem> problems) {
        ConfigReader c = new ConfigReader((YamlMap) YamlReader.readYaml(yaml).root(), problems, dir);
        c.checkKeys(new java.util.TreeSet<>(new JsonFunctionKind().keys()));
        Check check = new JsonFunctionKind().create(c);
        return problems.isEmpty() ? check : null;
    }

    private static String messages(List<Problem> problems) {
        return problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("\n"));
    }

    private Path labels(Path root) throws IOException {
        Path d = Files.createDirectories(root.resolve("labels"));
        Files.writeString(d.resolve("synset_words.txt"), "n01440764 tench, Tinca tinca\nn10148035 groom, bridegroom\n");
        Files.writeString(d.resolve("a.xml"), "<annotation><object><name>n10148035</name></object></annotation>");
        return d;
    }

    @Test
    void theReferenceRunsAtLoadOnTheRubricsDataAndTheStudentGetsPathsAndTheDict() throws IOException {
        labels(dir);
        List<Problem> problems = new ArrayList<>();
        JsonFunctionCheck check = (JsonFunctionCheck) create(LABEL, problems);
        assertNotNull(check, messages(problems));
        assertFalse(check.needsAnswer());
        assertTrue(check.expected().derivation().contains("case 1 expects (1, 'n10148035')"),
                check.expected().derivation());
        Files.writeString(dir.resolve("getimagenetclasses.py"), "def parseclasslabel(f, d): pass\n");
        JsonFunctionCheck.Plan plan = check.plan(new CheckContext("c2 label", Submission.open(dir), dir),
                "getimagenetclasses.py");
        assertEquals(List.of("c2_label.case1"), plan.steps().stream().map(s -> s.id()).toList());
        assertEquals(List.of("a.xml"), List.copyOf(plan.data().keySet()));
        assertEquals(Arg.data("a.xml"), plan.steps().get(0).args().get(0));
        assertEquals("{\"n01440764\":0,\"n10148035\":1}",
                ((Arg.Json) plan.steps().get(0).args().get(1)).value().toString());
        assertEquals(PyValue.tuple(PyValue.of(1), PyValue.of("n10148035")), plan.cases().get(0).expected());
    }

    @Test
    void theDataFolderUnderDataWinsOverTheOneNextToTheRubric() throws IOException {
        labels(dir);
        Path mounted = labels(Files.createDirectories(dir.resolve("mnt")));
        Files.writeString(mounted.resolve("synset_words.txt"), "n09999999 other\nn01440764 tench\nn10148035 groom\n");
        JsonFunctionCheck check = (JsonFunctionCheck) create(LABEL, new ArrayList<>());
        assertEquals(mounted, check.locate(dir, dir.resolve("mnt")));
        assertEquals(dir.resolve("labels"), check.locate(dir, dir.resolve("elsewhere")));
        assertEquals(PyValue.tuple(PyValue.of(2), PyValue.of("n10148035")),
                check.prepare(mounted).get(0).expected());
    }

    @Test
    void badConfigIsReportedByField() throws IOException {
        labels(dir);
        List<Problem> problems = new ArrayList<>();
        assertNull(create(SYNSETS.replace("imagenet_synsets", "imagenet_words"), problems));
        assertTrue(messages(problems).contains("reference"), messages(problems));
        problems.clear();
        assertNull(create(SYNSETS.replace("{synsets: synset_words.txt}", "{words: synset_words.txt}"), problems));
        assertTrue(messages(problems).contains("cases[0].words"), messages(problems));
        problems.clear();
        assertNull(create(SYNSETS.replace("synset_words.txt}", "../synset_words.txt}"), problems));
        assertTrue(messages(problems).contains("expected a file name inside the data folder"), messages(problems));
    }

    @Test
    void dataTheReferenceRefusesIsARubricErrorAtLoad() throws IOException {
        Path d = labels(dir);
        Files.writeString(d.resolve("a.xml"), "<annotation><object><name>n01440764</name></object>"
                + "<object><name>n10148035</name></object></annotation>");
        List<Problem> problems = new ArrayList<>();
        assertNull(create(LABEL, problems));
        assertTrue(messages(problems).contains("rejects the data") && messages(problems).contains("2 classes"),
                messages(problems));
        problems.clear();
        assertNull(create(LABEL.replace("a.xml", "b.xml"), problems));
        assertTrue(messages(problems).contains("b.xml is missing"), messages(problems));
    }

    @Test
    void aMissingDataFolderIsAGraderErrorAndAMissingFileTheStudents() throws IOException {
        JsonFunctionCheck check = (JsonFunctionCheck) create(SYNSETS, new ArrayList<>());
        Verdict v = check.grade(new CheckContext("c1", Submission.open(dir), dir));
        assertEquals(Status.FAILED, v.status());
        assertEquals("getimagenetclasses.py is not in your submission; this part calls parsesynsetwords from it.",
                v.feedback());
        Files.writeString(dir.resolve("getimagenetclasses.py"), "def parsesynsetwords(f): pass\n");
        v = check.grade(new CheckContext("c1", Submission.open(dir), dir));
        assertEquals(Status.ERROR, v.status());
        assertTrue(v.feedback().contains("the data folder labels is not at " + dir.resolve("labels")), v.feedback());
    }
}
