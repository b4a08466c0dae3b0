package io.tensorgrade.grader.report;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.rubric.CheckKinds;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rubric explain and template for the reference-backed shape and cost kinds. */
class NetworkKindsRenderingTest {

    @TempDir
    Path dir;

    private Rubric rubric() {
        return RubricLoader.load(Fixtures.write(dir, "hw.yaml", """
                assignment: hw
                parts:
                  - id: q1a
                    points: 5
                    check: conv_output_shape
                    given: {input: [30, 14, 14], out_channels: 12, kernel: 4, padding: 1, stride: 2}
                  - id: flops
                    points: 2
                    check: flops
                    network: zoo:alexnet
                    convention: macs
                """));
    }

    @Test
    void explainShowsMultiLineDerivationsIndentedUnderTheirLabel() {
        String text = RubricExplainer.render(rubric(), CheckKinds.standard());
        assertTrue(text.contains("  Expected: [12, 7, 7] (order C, H, W)\n"
                + "  Derivation: C: out_channels = 12\n"
                + "              H: floor((14 + 2*1 - 4) / 2) + 1 = 7\n"
                + "              W: floor((14 + 2*1 - 4) / 2) + 1 = 7\n"), text);
        assertTrue(text.contains("  Expected: 714,188,480 (convention macs)\n  Derivation: convention macs: "), text);
        assertTrue(text.contains("\n              layer 1 (conv2d 3->64 k=11 s=4 p=2), output 64x55x55:"
                + " 64*55*55 * 3*11*11 = 70276800\n"), text);
        assertTrue(text.contains("\n              total = 714,188,480\n"), text);
    }

    @Test
    void explainListsEachWrongSizeRuleWithItsOwnExplanation() {
        String text = RubricExplainer.render(rubric(), CheckKinds.standard());
        assertTrue(text.contains("  Known mistake: output_size_rule_wrong (0%): 1,303,035,584, what you get when the"
                + " output sizes are computed as floor((I + 2P)/S) (size_over_stride)"), text);
        assertTrue(text.contains("  Known mistake: output_size_rule_wrong (0%): 358,806,272, what you get when the"
                + " output sizes are computed as floor((I - K)/S) + 1 (padding_ignored)"), text);
        assertTrue(text.contains("  Known mistake: padding_ignored (0%): [12, 6, 6], what you get when the padding is"
                + " left out: floor((14 + 2*0 - 4) / 2) + 1 = 6"), text);
    }

    @Test
    void theTemplateSaysWhatToEnterWithoutTheAnswers() {
        String text = AnswersTemplate.render(rubric());
        assertTrue(text.contains("# q1a (5 points): q1a\n# Enter a list of sizes, e.g. [3, 32, 32] (3x32x32 also"
                + " works), in CHW order.\nq1a:\n"), text);
        assertTrue(text.contains("# flops (2 points): flops\n# Enter a whole number"), text);
        assertFalse(text.contains("714") || text.contains("12, 7, 7"), text);
    }
}
