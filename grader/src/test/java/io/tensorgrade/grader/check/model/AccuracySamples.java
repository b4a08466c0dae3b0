package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Path;

/**
 * The accuracy fixtures written by {@code src/test/python/make_accuracy_fixtures.py}: the rubric and the
 * synthetic test set under {@code src/test/resources/model/}, the sample submissions under
 * {@code submissions-sample/alexnet-cifar10/}.
 */
final class AccuracySamples {
    /** What the malicious checkpoint's payload would create if it ever ran. */
    static final Path MARKER = Path.of("/tmp/tensorgrade-accuracy-payload-ran");
    /** PyTorch's accuracies on the 200 synthetic test images (printed by the fixture script). */
    static final int GOOD_CORRECT = 161;
    static final int BELOW_CORRECT = 112;

    private AccuracySamples() {
    }

    static Path rubricFile() {
        return Fixtures.path("model/accuracy-cifar10.yaml");
    }

    static Rubric rubric() {
        return RubricLoader.load(rubricFile());
    }

    static Path dataDir() {
        return rubricFile().getParent().resolve("data");
    }

    /** A sample submission folder, e.g. {@code checkpoint-good}; the tests run in grader/. */
    static Path sample(String name) {
        return Path.of("..", "submissions-sample", "alexnet-cifar10", name).toAbsolutePath().normalize();
    }

    static Verdict grade(Check check, Path submission, Path rubricDir, Path dataDir) {
        return check.grade(new CheckContext("q", Submission.open(submission), rubricDir, dataDir));
    }

    static Verdict grade(String sample) {
        Rubric r = rubric();
        return grade(r.parts().get(0).check(), sample(sample), r.dir(), null);
    }

    /** Writes a one-part rubric (id q) with the given part lines next to the fixture's data folder. */
    static Check load(Path dir, String part) {
        StringBuilder sb = new StringBuilder("assignment: t\nparts:\n  - id: q\n    points: 1\n    check: accuracy\n");
        part.lines().forEach(l -> sb.append("    ").append(l).append('\n'));
        return RubricLoader.load(Fixtures.write(dir, "rubric.yaml", sb.toString())).parts().get(0).check();
    }
}
