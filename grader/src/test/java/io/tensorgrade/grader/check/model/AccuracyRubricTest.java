package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.rubric.RubricError;
import io.tensorgrade.grader.rubric.RubricException;
import io.tensorgrade.grader.rubric.RubricLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Rubric mistakes in an accuracy part are reported at load, with line and field, before any grading. */
class AccuracyRubricTest {
    private static final String NET = "network: zoo:cs5242-cnn\ncheckpoint: model.pt\n";
    private static final String CIFAR = "dataset: {format: cifar10, path: data/cifar-10-batches-py}\n";

    @TempDir
    Path tmp;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(NET + CIFAR + "threshold: 1.5",
                        "rubric.yaml:9: part q: threshold: expected an accuracy in (0, 1], e.g. 0.75, found 1.5"),
                Arguments.of(NET + CIFAR + "threshold: 0.75\npartial_credit_from: 0.8",
                        "rubric.yaml:10: part q: partial_credit_from: partial credit must start at or below the"
                                + " threshold 0.75, found 0.8"),
                Arguments.of(NET + CIFAR + "threshold: 0.75\nnormalize: {mean: [0.5], std: [0.25]}",
                        "rubric.yaml:10: part q: normalize.mean: expected 3 values (one per channel of the images),"
                                + " found 1"),
                Arguments.of(NET + CIFAR + "threshold: 0.75\nnormalize: {mean: [0.5, 0.5, 0.5], std: [0.2, 0, 0.2]}",
                        "rubric.yaml:10: part q: normalize.std: every std must be > 0, found [0.2, 0.0, 0.2]"),
                Arguments.of(NET + "dataset: {format: cifar, path: x}\nthreshold: 0.75",
                        "rubric.yaml:8: part q: dataset.format: unknown value 'cifar'; allowed: cifar10,"
                                + " mnist"),
                Arguments.of(NET + "dataset: {format: mnist, path: x}\nthreshold: 0.75",
                        "rubric.yaml:8: part q: dataset.path: 'path' is for cifar10; mnist takes 'images' and"
                                + " 'labels' (the IDX files)"),
                Arguments.of("network: zoo:cs5242-cnn\n" + CIFAR + "threshold: 0.75",
                        "rubric.yaml:3: part q: checkpoint: missing required field 'checkpoint': the file in the"
                                + " submission, e.g. model.pt"),
                Arguments.of("network: zoo:cs5242-cnn\ncheckpoint: ../../model.pt\n" + CIFAR + "threshold: 0.75",
                        "rubric.yaml:7: part q: checkpoint: '../../model.pt' must be a path inside the submission"
                                + " folder"),
                Arguments.of(NET + CIFAR + "threshold: 0.75\nkey_map: {features.0: 1, fc: 22}",
                        "rubric.yaml:10: part q: key_map: no prefix for the layers with weights 3, 6, 8, 11, 13, 16,"
                                + " 18; map every one of them"),
                Arguments.of(NET + CIFAR + "threshold: 0.75\nkey_map: {features.0: 2}",
                        "rubric.yaml:10: part q: key_map.features.0: layer 2 (relu) has no weights"),
                Arguments.of("network: zoo:lenet5\ncheckpoint: model.pt\n" + CIFAR + "threshold: 0.75",
                        "rubric.yaml:6: part q: network: the network takes inputs 1x32x32 but the data set's"
                                + " images have 3 channels"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void rubricMistakeIsReportedAtItsLine(String part, String error) {
        assertEquals(error, errors(part).get(0));
    }

    private List<String> errors(String part) {
        StringBuilder sb = new StringBuilder("assignment: t\nparts:\n  - id: q\n    points: 1\n    check: accuracy\n");
        part.lines().forEach(l -> sb.append("    ").append(l).append('\n'));
        Path file = Fixtures.write(tmp, "rubric.yaml", sb.toString());
        RubricException e = assertThrows(RubricException.class, () -> RubricLoader.load(file));
        return e.errors().stream().map(RubricError::toString).map(s -> s.substring(s.indexOf("rubric.yaml:")))
                .toList();
    }
}
