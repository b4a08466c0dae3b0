package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.report.RubricExplainer;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.rubric.CheckKinds;
import io.tensorgrade.grader.rubric.RubricError;
import io.tensorgrade.grader.rubric.RubricException;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.submission.Submission;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mistake_credit}, the common key that gives credit to any kind's built-in mistakes. The values
 * are those of ShapeKindsTest (seed 000's conv, PyTorch 1.13) and ConvKernelKindTest (seed 003).
 */
class MistakeCreditTest {

    private static final String SEED_000_CONV = """
            check: conv_output_shape
            given: {input: [30, 14, 14], out_channels: 12, kernel: 4, padding: 1, stride: 2}
            """;

    @TempDir
    Path dir;

    private Path write(String part) {
        StringBuilder sb = new StringBuilder("assignment: t\nparts:\n  - id: q\n    points: 2\n");
        part.lines().forEach(l -> sb.append("    ").append(l).append('\n'));
        return Fixtures.write(dir, "rubric.yaml", sb.toString());
    }

    private Check load(String part) {
        return RubricLoader.load(write(part)).parts().get(0).check();
    }

    private List<String> errors(String part) {
        Path file = write(part);
        RubricException e = assertThrows(RubricException.class, () -> RubricLoader.load(file));
        return e.errors().stream().map(RubricError::toString).map(s -> s.substring(s.indexOf("rubric.yaml:")))
                .toList();
    }

    private Verdict grade(Check check, String answer) {
        Fixtures.write(dir, "sub/answers.yaml", "q: " + answer + "\n");
        return check.grade(new CheckContext("q", Submission.open(dir.resolve("sub")), dir));
    }

    @Test
    void creditedBuiltInMistakeEarnsItsCreditAndKeepsItsName() {
        Check check = load(SEED_000_CONV + "mistake_credit: {padding_ignored: 0.5}\n");
        Verdict v = grade(check, "[12, 6, 6]");
        assertEquals(0.5, v.credit());
        assertEquals(Status.PARTIAL, v.status());
        assertEquals("padding_ignored", v.mistake());
        assertTrue(v.feedback().contains("Partial credit: 50% of the points."), v.feedback());
        // Other built-ins keep their own credit: 0, and half for the spatial size alone.
        assertEquals(0.0, grade(check, "[12, 13, 13]").credit());
        assertEquals(0.5, grade(check, "[7, 7]").credit());
        assertTrue(check.catalogue().stream().anyMatch(e -> e.name().equals("padding_ignored")
                && e.credit() == 0.5), check.catalogue().toString());
    }

    @Test
    void theHalfCreditOfTheSpatialSizeAloneCanBeChanged() {
        Check none = load(SEED_000_CONV + "mistake_credit: {spatial_size_only: 0}\n");
        Verdict v = grade(none, "7x7");
        assertEquals(0.0, v.credit());
        assertEquals(Status.FAILED, v.status());
        assertEquals("spatial_size_only", v.mistake());
        assertEquals("You answered 7x7, which is what you get when only the spatial size (H x W) is given and the 12"
                + " channels are left implicit. Expected [12, 7, 7].", v.feedback().lines().findFirst().orElseThrow());
        assertFalse(v.feedback().contains("Partial credit"), v.feedback());
        Verdict quarter = grade(load(SEED_000_CONV + "mistake_credit: {spatial_size_only: 0.25}\n"), "7x7");
        assertEquals(0.25, quarter.credit());
        assertTrue(quarter.feedback().contains("Partial credit: 25% of the points."), quarter.feedback());
        assertFalse(quarter.feedback().contains("50%"), quarter.feedback());
    }

    @Test
    void theFormerNameOfTheSpatialSizeReadingIsARubricErrorNamingTheNewOne() {
        List<String> errors = errors(SEED_000_CONV + "mistake_credit: {channels_left_out: 0.5}\n");
        assertEquals(List.of("rubric.yaml:7: part q: mistake_credit.channels_left_out: 'channels_left_out' is now called"
                + " 'spatial_size_only'; write {spatial_size_only: ...}"), errors);
    }

    @Test
    void fullCreditForABuiltInMistakeAcceptsIt() {
        Check check = load("""
                check: conv_kernel
                target: {kernel: [[[-1, 0], [1, 0]], [[-1, 1], [0, 0]]]}
                input: [1, 8, 8]
                mistake_credit: {kernel_flipped: 1}
                """);
        Verdict v = grade(check, "[[[0, 1], [0, -1]], [[0, 0], [1, -1]]]");
        assertEquals(Status.PASSED, v.status(), v.feedback());
        assertEquals("kernel_flipped", v.mistake());
        assertTrue(v.feedback().contains("This course accepts it: full credit."), v.feedback());
    }

    @Test
    void convKernelAcceptAndMistakesEntriesGiveTheirCredit() {
        // Average pooling 2x2 stride 2 as a conv: 1/4 everywhere (seed 003 P2). A course that also accepts the
        // same kernel used with stride 1 (an overlapping average), and names a 3x3 average a mistake.
        Check check = load("""
                check: conv_kernel
                target: {op: avg_pool2d, params: {kernel_size: 2, stride: 2}}
                input: [1, 8, 8]
                stride: 2
                accept:
                  - {name: overlapping_average, target: {op: avg_pool2d, params: {kernel_size: 2, stride: 1}},
                     stride: 1, credit: 0.5}
                mistakes:
                  - {name: three_by_three, target: {op: avg_pool2d, params: {kernel_size: 3, stride: 2}},
                     credit: 0.25, explanation: the window is 3x3}
                """);
        String quarter = "[[0.25, 0.25], [0.25, 0.25]]";
        assertEquals(Status.PASSED, grade(check, quarter).status());
        Verdict accepted = grade(check, "{weight: " + quarter + ", stride: 1}");
        assertEquals(0.5, accepted.credit(), accepted.feedback());
        assertTrue(accepted.feedback().contains("accepted as overlapping_average"), accepted.feedback());
        String ninth = "[[0.1111111, 0.1111111, 0.1111111], [0.1111111, 0.1111111, 0.1111111],"
                + " [0.1111111, 0.1111111, 0.1111111]]";
        Verdict mistake = grade(check, ninth);
        assertEquals("three_by_three", mistake.mistake(), mistake.feedback());
        assertEquals(0.25, mistake.credit());
        assertTrue(mistake.feedback().contains("what you get when the window is 3x3"), mistake.feedback());
    }

    @Test
    void convKernelEntryThatChangesNothingIsARubricError() {
        List<String> errors = errors("""
                check: conv_kernel
                target: {op: avg_pool2d, params: {kernel_size: 2, stride: 2}}
                input: [1, 8, 8]
                stride: 2
                accept: [{name: same, stride: 2}]
                """);
        assertTrue(errors.get(0).contains("accept[0].stride: this entry gives the part's own map with the part's conv"
                + " settings, so it never applies"), errors.toString());
    }

    @Test
    void unknownMistakeIdIsARubricErrorWithSuggestionAndTheKnownIds() {
        List<String> errors = errors(SEED_000_CONV + "mistake_credit: {spatial_size_onyl: 0.5}\n");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("rubric.yaml:7: part q: mistake_credit.spatial_size_onyl: unknown built-in"
                + " mistake 'spatial_size_onyl' (did you mean 'spatial_size_only'?) of check 'conv_output_shape';"
                + " known: padding_ignored, "), errors.get(0));
        assertTrue(errors.get(0).endsWith("input_channels_kept, spatial_size_only, element_count, wrong_order"),
                errors.get(0));
    }

    @Test
    void creditOutsideZeroToOneAndKindsWithoutBuiltInsAreRubricErrors() {
        assertTrue(errors(SEED_000_CONV + "mistake_credit: {padding_ignored: 1.5}\n").get(0)
                .contains("mistake_credit.padding_ignored: expected a fraction between 0 and 1, found 1.5"));
        assertTrue(errors("check: integer\nexpected: 3\nmistake_credit: {x: 0.5}\n").get(0)
                .contains("mistake_credit: unknown key 'mistake_credit'"));
    }

    @Test
    void builtInIdAlsoUsedByARubricEntryIsARubricError() {
        List<String> errors = errors(SEED_000_CONV + """
                mistakes: [{name: padding_ignored, value: [12, 6, 6], credit: 0.25}]
                mistake_credit: {padding_ignored: 0.5}
                """);
        assertTrue(errors.get(0).contains("a rubric entry is also called 'padding_ignored'"), errors.toString());
    }

    @Test
    void explainListsCreditedBuiltInsForEveryKind() {
        Path file = Fixtures.write(dir, "explain.yaml", """
                assignment: t
                parts:
                  - id: t
                    points: 1
                    check: tensor
                    op: conv2d
                    inputs: {x: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], weight: [[1, 0], [0, 2]]}
                    mistake_credit: {kernel_flipped: 0.5}
                  - id: e
                    points: 1
                    check: expression
                    reference: "floor((I + 2*P - K)/S) + 1"
                    variables: {I: {int: [1, 64]}, K: {int: [1, 9]}, S: {int: [1, 4]}, P: {int: [0, 4]}}
                    constraints: ["I + 2*P >= K"]
                    check_against: conv_output_size
                    variable_roles: {input: I, kernel: K, stride: S, padding: P}
                    accept: [{name: no_floor, formula: "(I + 2*P - K)/S + 1", credit: 0.5}]
                  - id: k
                    points: 1
                    check: conv_kernel
                    target: {op: avg_pool2d, params: {kernel_size: 2, stride: 2}}
                    input: [1, 4, 4]
                    stride: 2
                """);
        String text = RubricExplainer.render(RubricLoader.load(file), CheckKinds.standard());
        // conv2d of [[1,2,3],[4,5,6],[7,8,9]] with the kernel rotated, [[2,0],[0,1]] (F.conv2d in torch 1.13): [[7, 10], [16, 19]].
        assertTrue(text.contains("Known mistake: kernel_flipped (50%): [[7, 10], [16, 19]]"), text);
        assertTrue(text.contains("Also accepted: (I + 2*P - K)/S + 1 as no_floor (50%)"), text);
        assertTrue(text.contains("Known mistake: plus_one_forgotten (0%): floor((I + 2*P - K)/S)"), text);
        assertTrue(text.contains("Known mistake: not_normalised (0%): what you get when the kernel is not normalised"),
                text);
    }
}
