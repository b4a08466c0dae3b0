package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.ref.io.Checkpoint;
import io.tensorgrade.ref.io.Npy;
import io.tensorgrade.ref.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static io.tensorgrade.grader.check.model.AccuracySamples.BELOW_CORRECT;
import static io.tensorgrade.grader.check.model.AccuracySamples.GOOD_CORRECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grading the sample checkpoints with the sample rubric: scores, statuses and messages. */
class AccuracyKindTest {

    @TempDir
    Path tmp;

    @Test
    void goodCheckpointPassesWithAccuracyIntervalPerClassAndConfusionMatrix() {
        Verdict v = AccuracySamples.grade("checkpoint-good");

        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertEquals(1.0, v.credit());
        assertTrue(v.feedback().startsWith("Accuracy 80.50% (" + GOOD_CORRECT + " of 200 images of the CIFAR-10 test"
                + " split (data/cifar-10-batches-py)), at or above the threshold 75.0%: full credit."
                + " 95% Wilson interval: [74.5%, 85.4%]."), v.feedback());
        assertTrue(v.feedback().contains("The threshold lies inside the interval"), v.feedback());
        assertTrue(v.feedback().contains("Per class: airplane "), v.feedback());
        assertTrue(v.feedback().contains("true \\ predicted  0"), v.feedback());
        assertTrue(v.feedback().contains("Checkpoint model.pt (torch zip) matches cs5242-cnn."), v.feedback());
    }

    @Test
    void belowThresholdGetsLinearPartialCredit() {
        Verdict v = AccuracySamples.grade("checkpoint-below");

        assertEquals(Status.PARTIAL, v.status(), v.feedback());
        // (0.56 - 0.5) / (0.75 - 0.5)
        assertEquals(0.24, v.credit(), 1e-12);
        assertTrue(v.feedback().startsWith("Accuracy 56.00% (" + BELOW_CORRECT + " of 200 images"), v.feedback());
        assertTrue(v.feedback().contains("below the threshold 75.0%: 24% of the points (linear from 50.0%)."
                + " 95% Wilson interval: [49.1%, 62.7%]."), v.feedback());
        assertTrue(v.feedback().contains("Checkpoint model.npz (npz) matches cs5242-cnn."), v.feedback());
    }

    @Test
    void belowPartialCreditStartScoresZero() {
        Check check = AccuracySamples.load(tmp, rubricPart("threshold: 0.9\npartial_credit_from: 0.81"));

        Verdict v = AccuracySamples.grade(check, AccuracySamples.sample("checkpoint-good"), tmp, null);

        assertEquals(Status.FAILED, v.status(), v.feedback());
        assertTrue(v.feedback().contains("below the threshold 90.0% and below 81.0%, where partial credit starts:"
                + " no credit."), v.feedback());
    }

    @Test
    void withoutPartialCreditFromAnythingBelowTheThresholdIsZero() {
        Check check = AccuracySamples.load(tmp, rubricPart("threshold: 0.75"));

        Verdict v = AccuracySamples.grade(check, AccuracySamples.sample("checkpoint-below"), tmp, null);

        assertEquals(0, v.credit());
        assertTrue(v.feedback().contains("below the threshold 75.0%: no credit."), v.feedback());
    }

    @Test
    void wrongArchitectureScoresZeroWithTheKeyAndShapeDiff() {
        Verdict v = AccuracySamples.grade("checkpoint-wrong-architecture");

        assertEquals(Status.FAILED, v.status());
        assertEquals(AccuracyCheck.ARCHITECTURE, v.mistake());
        String f = v.feedback();
        assertTrue(f.startsWith("Your checkpoint model.pt does not match the network cs5242-cnn: layer 1"), f);
        assertTrue(f.contains("features.0.weight has shape [8, 3, 3, 3], expected [16, 3, 3, 3]"), f);
        assertTrue(f.contains("expected by the network:"), f);
        assertTrue(f.contains("found in the state_dict:"), f);
        assertTrue(f.contains("no state_dict module is left for it"), f);
    }

    @Test
    void truncatedCheckpointScoresZeroWithTheReadersMessage() {
        Verdict v = AccuracySamples.grade("checkpoint-truncated");

        assertEquals(Status.FAILED, v.status());
        assertEquals(AccuracyCheck.UNREADABLE, v.mistake());
        assertTrue(v.feedback().startsWith("Your checkpoint model.pt could not be read: model.pt: not a readable zip"
                + " archive"), v.feedback());
        assertFalse(v.feedback().contains(AccuracySamples.sample("checkpoint-truncated").toString()),
                "the grader's absolute path is not shown to students");
    }

    @Test
    void maliciousPickleIsRefusedAndItsCommandNeverRuns() throws Exception {
        Files.deleteIfExists(AccuracySamples.MARKER);

        Verdict v = AccuracySamples.grade("checkpoint-malicious");

        assertEquals(Status.FAILED, v.status());
        assertEquals(AccuracyCheck.UNREADABLE, v.mistake());
        assertTrue(v.feedback().contains("posix.system, which a checkpoint may not use"), v.feedback());
        Thread.sleep(200);
        assertFalse(Files.exists(AccuracySamples.MARKER), "the payload ran: " + AccuracySamples.MARKER + " exists");
    }

    @Test
    void missingCheckpointScoresZeroAndSaysHowToSaveOne() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        var r = AccuracySamples.rubric();

        Verdict v = AccuracySamples.grade(r.parts().get(0).check(), tmp.resolve("empty"), r.dir(), null);

        assertEquals(Status.FAILED, v.status());
        assertEquals(AccuracyCheck.MISSING, v.mistake());
        assertEquals("No checkpoint found: expected model.pt or model.pth or model.safetensors or model.npz in your"
                + " submission. Save the weights with torch.save(model.state_dict(), 'model.pt').", v.feedback());
    }

    @Test
    void missingDatasetIsAnErrorNotTheStudentsFault() {
        Check check = AccuracySamples.load(tmp, "network: zoo:cs5242-cnn\ncheckpoint: model.pt\n"
                + "dataset: {format: cifar10, path: nowhere/cifar-10-batches-py}\nthreshold: 0.75");

        Verdict v = AccuracySamples.grade(check, AccuracySamples.sample("checkpoint-good"), tmp, null);

        assertEquals(Status.ERROR, v.status());
        assertTrue(v.feedback().startsWith("Checkpoint model.pt (torch zip) matches cs5242-cnn. The accuracy could"
                + " not be measured: the CIFAR-10 test split (nowhere/cifar-10-batches-py) is not available to the"
                + " grader: " + tmp.resolve("nowhere/cifar-10-batches-py") + " does not exist; mount the data and"
                + " pass its folder with --data DIR (or set TENSORGRADE_DATA)."), v.feedback());
        assertTrue(v.feedback().endsWith("This is not a problem with your submission."), v.feedback());
    }

    @Test
    void dataFolderOverridesTheRubricsFolderAndFindsTheSetByItsLastName() {
        Check check = AccuracySamples.load(tmp, "network: zoo:cs5242-cnn\ncheckpoint: model.pt\n"
                + "dataset: {format: cifar10, path: /somewhere/else/cifar-10-batches-py}\nthreshold: 0.75\n"
                + "normalize: {mean: [0.4914, 0.4822, 0.4465], std: [0.2470, 0.2435, 0.2616]}");

        Verdict v = AccuracySamples.grade(check, AccuracySamples.sample("checkpoint-good"), tmp,
                AccuracySamples.dataDir());

        assertEquals(Status.PASSED, v.status(), v.feedback());
    }

    @Test
    void limitScoresTheFirstImagesOnly() {
        Check check = AccuracySamples.load(tmp, rubricPart("threshold: 0.75\nlimit: 50"));

        Verdict v = AccuracySamples.grade(check, AccuracySamples.sample("checkpoint-good"), tmp, null);

        assertTrue(v.feedback().contains(" of 50 images of the CIFAR-10 test split"), v.feedback());
    }

    @Test
    void keyMapAssignsModulesToLayersByName() {
        String map = "key_map: {features.0: 1, features.2: 3, features.5: 6, features.7: 8, features.10: 11,"
                + " features.12: 13, features.15: 16, features.17: 18, fc: 22}";
        Check check = AccuracySamples.load(tmp, rubricPart("threshold: 0.75\n" + map));

        Verdict v = AccuracySamples.grade(check, AccuracySamples.sample("checkpoint-good"), tmp, null);

        assertEquals(Status.PASSED, v.status(), v.feedback());
    }

    @Test
    void keyMapThatSwapsTwoLayersReportsTheShapeMismatch() {
        String map = "key_map: {features.0: 3, features.2: 1, features.5: 6, features.7: 8, features.10: 11,"
                + " features.12: 13, features.15: 16, features.17: 18, fc: 22}";
        Check check = AccuracySamples.load(tmp, rubricPart("threshold: 0.75\n" + map));

        Verdict v = AccuracySamples.grade(check, AccuracySamples.sample("checkpoint-good"), tmp, null);

        assertEquals(AccuracyCheck.ARCHITECTURE, v.mistake());
        assertTrue(v.feedback().contains("features.2.weight has shape [16, 16, 3, 3], expected [16, 3, 3, 3]"),
                v.feedback());
    }

    @Test
    void dataParallelPrefixAndModulesDeclaredOutOfOrderAreAccepted() throws Exception {
        Map<String, Tensor> good = Checkpoint.read(AccuracySamples.sample("checkpoint-good").resolve("model.pt"))
                .tensors();
        List<String> keys = new ArrayList<>(good.keySet());
        // fc first, as when a student writes self.fc = ... before self.features = ...
        keys.sort(Comparator.comparing(k -> !k.startsWith("fc.")));
        Path sub = Files.createDirectories(tmp.resolve("sub"));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(sub.resolve("model.npz")))) {
            for (String k : keys) {
                zip.putNextEntry(new ZipEntry("module." + k + ".npy"));
                zip.write(Npy.toBytes(good.get(k)));
                zip.closeEntry();
            }
        }
        Check check = AccuracySamples.load(tmp, rubricPart("threshold: 0.75"));

        Verdict v = AccuracySamples.grade(check, sub, tmp, null);

        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertTrue(v.feedback().startsWith("Accuracy 80.50% (" + GOOD_CORRECT + " of 200"), v.feedback());
        assertTrue(v.feedback().contains("Checkpoint model.npz (npz, prefix 'module.' removed) matches cs5242-cnn."
                + " The state_dict's modules are not in the order the layers run; they were matched to the layers"
                + " by their shapes: layer 1 (conv2d"), v.feedback());
        assertTrue(v.feedback().contains("<- 'fc'."), v.feedback());
    }

    @Test
    void theCheckpointIsNotAnAnswer() {
        Check check = AccuracySamples.rubric().parts().get(0).check();

        assertFalse(check.needsAnswer());
        assertTrue(check.answerForm().startsWith("the file model.pt or model.pth"), check.answerForm());
        assertTrue(check.expected().value().startsWith("accuracy >= 75.0% of cs5242-cnn on the CIFAR-10 test split"),
                check.expected().value());
        assertTrue(check.expected().derivation().contains("layer 1 (conv2d"), check.expected().derivation());
    }

    @Test
    void aLeaderboardPartPutsItsAccuracyOnGradescopesLeaderboard() throws Exception {
        Check check = AccuracySamples.load(tmp, rubricPart("threshold: 0.75\nleaderboard: {name: \"CIFAR-10"
                + " accuracy\"}"));

        Verdict v = AccuracySamples.grade(check, AccuracySamples.sample("checkpoint-good"), tmp, null);

        io.tensorgrade.grader.result.LeaderboardEntry e = v.leaderboard();
        assertEquals("CIFAR-10 accuracy", e.name());
        assertEquals("desc", e.order());
        assertTrue(e.value() > 0.5 && e.value() <= 1, String.valueOf(e.value()));
        io.tensorgrade.grader.result.PartResult part = new io.tensorgrade.grader.result.PartResult("acc", "Accuracy",
                1, 1, v.status(), v.feedback(), io.tensorgrade.grader.result.Visibility.VISIBLE, java.util.List.of(),
                null, "", false, e);
        String json = io.tensorgrade.grader.report.GradescopeReport.render(new io.tensorgrade.grader.result.GradeReport(
                "hw", "hw", "r.yaml", "s", java.util.List.of(part), java.time.Duration.ZERO, java.util.List.of()));
        com.fasterxml.jackson.databind.JsonNode board = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)
                .get("leaderboard");
        assertEquals(1, board.size(), json);
        assertEquals("CIFAR-10 accuracy", board.get(0).get("name").asText());
        assertEquals(e.value(), board.get(0).get("value").asDouble(), 1e-12);
        assertEquals("desc", board.get(0).get("order").asText());
    }

    @Test
    void aPartWithoutALeaderboardPutsNothingThere() {
        Check check = AccuracySamples.load(tmp, rubricPart("threshold: 0.75"));

        assertEquals(null, AccuracySamples.grade(check, AccuracySamples.sample("checkpoint-good"), tmp, null)
                .leaderboard());
    }

    /** A cs5242-cnn part on the fixture's data folder (absolute path), plus {@code extra} lines. */
    private static String rubricPart(String extra) {
        return "network: zoo:cs5242-cnn\ncheckpoint: [model.pt, model.npz]\n"
                + "dataset: {format: cifar10, path: " + AccuracySamples.dataDir().resolve("cifar-10-batches-py") + "}\n"
                + "normalize: {mean: [0.4914, 0.4822, 0.4465], std: [0.2470, 0.2435, 0.2616]}\n" + extra;
    }
}
