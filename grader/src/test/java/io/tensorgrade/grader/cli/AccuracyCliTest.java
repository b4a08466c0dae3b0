package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code grade} and {@code check} with an accuracy part and {@code --data}. */
class AccuracyCliTest {
    private static final Path GOOD = Path.of("..", "submissions-sample", "alexnet-cifar10", "checkpoint-good")
            .toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void gradeScoresTheCheckpointWithTheRubricsData() {
        CliRun run = CliRun.of("grade", "--rubric", Fixtures.path("model/accuracy-cifar10.yaml").toString(),
                GOOD.toString());

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("p3_cifar  20 / 20  passed   Accuracy 80.50% (161 of 200 images"), run.out());
    }

    @Test
    void dataFlagPointsAMovedRubricAtTheMountedData() throws Exception {
        Path rubric = tmp.resolve("rubric.yaml");
        Files.copy(Fixtures.path("model/accuracy-cifar10.yaml"), rubric);
        Path data = Fixtures.path("model/data");

        CliRun without = CliRun.of("check", "--rubric", rubric.toString(), GOOD.toString());
        CliRun with = CliRun.of("check", "--rubric", rubric.toString(), "--data", data.toString(), GOOD.toString());

        assertEquals(0, without.code(), without.err());
        assertTrue(without.out().contains("p3_cifar  0 / 20  error    Checkpoint model.pt (torch zip) matches"),
                without.out());
        assertTrue(without.out().contains("pass its folder with --data DIR"), without.out());
        assertEquals(0, with.code(), with.err());
        assertTrue(with.out().contains("p3_cifar  20 / 20  passed   Accuracy 80.50%"), with.out());
    }
}
