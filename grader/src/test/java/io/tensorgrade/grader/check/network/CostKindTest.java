package io.tensorgrade.grader.check.network;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static io.tensorgrade.grader.check.network.Parts.mistake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * params, macs and flops. Known answers: seed 000 (hand count, docs/cost-conventions.md), seed 002
 * (torchvision AlexNet, docs/seeds/analysis.md), seed 003 (LeNet-5 C3, full and partial).
 */
class CostKindTest {

    private static final String SEED_000 = ShapeKindsTest.SEED_000_NETWORK;

    @TempDir
    Path dir;

    private Parts parts;

    @BeforeEach
    void setUp() {
        parts = new Parts(dir);
    }

    @Test
    void seed000FlopsOfConvAndPoolUnderMulAddWithABreakdown() {
        Check check = parts.load("check: flops\nconvention: mul_add\nlayers: [1, 3]\n" + SEED_000);
        assertEquals("564,756 (convention mul_add)", check.expected().value());
        List<String> lines = check.expected().derivation().lines().toList();
        assertEquals(4, lines.size(), check.expected().derivation());
        assertTrue(lines.get(0).startsWith("convention mul_add: exact"), lines.get(0));
        assertEquals("layer 1 (conv2d 30->12 k=4 s=2 p=1 no bias), output 12x7x7: 12*7*7 * (30*4*4 mul"
                + " + 30*4*4-1 add) = 563892", lines.get(1));
        assertEquals("layer 3 (max_pool2d k=3 s=2), output 12x3x3: 12*3*3 * (3*3-1) comparisons = 864", lines.get(2));
        assertEquals("total = 564,756 (layers 1, 3)", lines.get(3));
        assertEquals(Status.PASSED, parts.grade(check, "564,756").status());
    }

    @Test
    void seed000StudentAnswerIsCrossChannelAdditionsForgotten() {
        Check check = parts.load("check: flops\nconvention: mul_add\nlayers: [1, 3]\n" + SEED_000);
        Verdict v = parts.grade(check, "547704");
        assertEquals("cross_channel_additions_forgotten", v.mistake());
        assertTrue(v.feedback().contains("the additions that sum the per-channel results are forgotten"), v.feedback());
        assertTrue(v.feedback().contains("How to get it: convention mul_add"), v.feedback());
        // With the ReLU between C and P: 12*7*7 = 588 comparisons more.
        assertEquals("relu_counted", parts.grade(check, "565344").mistake());
        // MACs: 12*7*7 * 30*4*4.
        assertEquals("macs_reported_as_flops", parts.grade(check, "282240").mistake());
        assertEquals("pooling_not_counted", parts.grade(check, "563892").mistake());
    }

    @Test
    void countingTheWholeNetworkIncludesTheRelu() {
        Check check = parts.load("check: flops\nconvention: mul_add\n" + SEED_000);
        assertEquals("565,344 (convention mul_add)", check.expected().value());
        assertEquals("relu_not_counted", parts.grade(check, "564756").mistake());
    }

    @Test
    void aBiasTheLayersDoNotHaveIsANamedMistake() {
        Check check = parts.load("""
                check: flops
                convention: mul_add
                input: [30, 14, 14]
                network:
                  - conv2d: {in: 30, out: 12, kernel: 4, stride: 2, padding: 1, bias: false}
                  - max_pool2d: {kernel: 3, stride: 2}
                """);
        Verdict v = parts.grade(check, "565344");
        assertEquals("bias_counted", v.mistake());
        assertTrue(v.feedback().contains("though they have no bias"), v.feedback());
    }

    @Test
    void seed002AlexnetParamsAndWeightsOnly() {
        Check all = parts.load("check: params\nnetwork: zoo:alexnet\n");
        assertEquals("61,100,840", all.expected().value());
        assertEquals("biases_forgotten", parts.grade(all, "61090496").mistake());
        assertTrue(all.expected().derivation().contains("layer 17 (linear 9216->4096): 4096*9216 + 4096 = 37752832"),
                all.expected().derivation());
        Check weights = parts.load("check: params\nnetwork: zoo:alexnet\nweights_only: true\n");
        assertEquals("61,090,496 (weights only)", weights.expected().value());
        assertEquals("biases_counted", parts.grade(weights, "61,100,840").mistake());
        Check accepting = parts.load("check: params\nnetwork: zoo:alexnet\n"
                + "accept: [{weights_only: true, credit: 0.5, explanation: biases were ignored on purpose}]\n");
        Verdict v = parts.grade(accepting, "61090496");
        assertEquals(0.5, v.credit());
        assertTrue(v.feedback().contains("accepted as the weights without biases"), v.feedback());
    }

    @Test
    void seed002AlexnetMacsAndTheStudentsFlopsFromSizeOverStride() {
        Check macs = parts.load("check: macs\nnetwork: zoo:alexnet\n");
        assertEquals("714,188,480", macs.expected().value());
        assertEquals("flops_reported_as_macs", parts.grade(macs, "1428376960").mistake());
        // The course counts FLOPs = MACs (hint 3): the student's 1,303,035,584 is (I + 2P)/S carried forward.
        Check flops = parts.load("check: flops\nnetwork: zoo:alexnet\nconvention: macs\n");
        assertEquals("714,188,480 (convention macs)", flops.expected().value());
        for (Check check : List.of(macs, flops)) {
            Verdict v = parts.grade(check, "1,303,035,584");
            assertEquals("output_size_rule_wrong", v.mistake());
            assertTrue(v.feedback().contains("the output sizes are computed as floor((I + 2P)/S) (size_over_stride)"
                    + " and carried through the network (spatial sizes 57, 28, 32, 16, 18, 20, 22, 11 instead of"
                    + " 55, 27, 27, 13, 13, 13, 13, 6)"), v.feedback());
        }
    }

    @Test
    void sizeRulesAreAlsoTriedUnderAcceptedConventions() {
        // FLOPs = 2*MACs, but MACs accepted (hint 3): the student's number is still named.
        Check check = parts.load("check: flops\nnetwork: zoo:alexnet\naccept: [{convention: macs}]\n");
        Verdict v = parts.grade(check, "1303035584");
        assertEquals("output_size_rule_wrong", v.mistake());
        assertTrue(v.feedback().contains("(size_over_stride) and carried through the network (spatial sizes 57, 28,"
                + " 32, 16, 18, 20, 22, 11 instead of 55, 27, 27, 13, 13, 13, 13, 6), counted under the accepted"
                + " convention macs."), v.feedback());
        // Under the expected convention, the same rule gives twice as much.
        assertEquals("output_size_rule_wrong", parts.grade(check, "2606071168").mistake());
    }

    @Test
    void flopsDefaultToTwoPerMac() {
        Check check = parts.load("check: flops\nnetwork: zoo:alexnet\n");
        assertEquals("1,428,376,960 (convention flops)", check.expected().value());
        assertEquals("macs_reported_as_flops", parts.grade(check, "714188480").mistake());
        // 2*MACs + 494,184 bias additions.
        assertEquals("bias_counted", parts.grade(check, "1428871144").mistake());
        Check withBias = parts.load("check: flops\nnetwork: zoo:alexnet\nconvention: flops_with_bias\n");
        assertEquals("1,428,871,144 (convention flops_with_bias)", withBias.expected().value());
        assertEquals("bias_not_counted", parts.grade(withBias, "1428376960").mistake());
    }

    @Test
    void acceptedConventionsAreComputedByTheReference() {
        Check check = parts.load("check: flops\nnetwork: zoo:alexnet\nconvention: macs\n"
                + "accept: [{convention: flops, credit: 0.5}]\n");
        Verdict v = parts.grade(check, "1428376960");
        assertEquals(0.5, v.credit());
        assertEquals(Status.PARTIAL, v.status());
        assertTrue(v.feedback().contains("accepted as the flops count (flops: 2 x macs"), v.feedback());
        // The accepted value is no longer a mistake.
        assertTrue(mistake(check, "flops_reported_as_macs").isEmpty());
    }

    @Test
    void seed003LenetC3ParamsFullAndPartial() {
        Check full = parts.load("check: params\nnetwork: zoo:lenet5\nlayers: [5]\n");
        assertEquals("2,416", full.expected().value());
        assertEquals("layer 5 (conv2d 6->16 k=5): 16*6*5*5 + 16 = 2416\ntotal = 2,416 (layer 5)",
                full.expected().derivation());
        assertEquals("biases_forgotten", parts.grade(full, "2400").mistake());
        Check partial = parts.load("check: params\nnetwork: zoo:lenet5-partial-c3\nlayers: [5]\n");
        assertEquals("1,516", partial.expected().value());
        assertEquals("biases_forgotten", parts.grade(partial, "1500").mistake());
        assertEquals("table_ignored", parts.grade(partial, "2416").mistake());
        assertEquals("61,706", parts.load("check: params\nnetwork: zoo:lenet5\n").expected().value());
        assertEquals("60,806", parts.load("check: params\nnetwork: zoo:lenet5-partial-c3\n").expected().value());
    }

    @Test
    void anInlineConnectionTableIsReadFromTheRubric() {
        Check check = parts.load("""
                check: params
                network:
                  - table_conv2d:
                      in: 6
                      kernel: 5
                      table: [[0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [0, 4, 5], [0, 1, 5],
                              [0, 1, 2, 3], [1, 2, 3, 4], [2, 3, 4, 5], [0, 3, 4, 5], [0, 1, 4, 5], [0, 1, 2, 5],
                              [0, 1, 3, 4], [1, 2, 4, 5], [0, 2, 3, 5], [0, 1, 2, 3, 4, 5]]
                """);
        assertEquals("1,516", check.expected().value());
        assertEquals(Value.of(2416), mistake(check, "table_ignored").orElseThrow().value());
    }

    @Test
    void crossChannelAdditionsOfATableConvCountItsConnections() {
        // LeNet-5 partial C3 (layer 5): 16 maps of 10x10, 60 connections; forgotten: 10*10 * (60 - 16) = 4400.
        Check check = parts.load("check: flops\nnetwork: zoo:lenet5-partial-c3\nconvention: mul_add\nlayers: [5]\n");
        long expected = Long.parseLong(check.expected().value().replaceAll("[^0-9]", ""));
        Value.Int wrong = (Value.Int) mistake(check, "cross_channel_additions_forgotten").orElseThrow().value();
        assertEquals(4400, expected - wrong.value());
    }

    @Test
    void costValidationErrorsNameTheLineAndField() {
        assertEquals(List.of("rubric.yaml:6: part q: layers: layer 9 is outside 1..3 (the network has 3 layers)"),
                parts.errors("check: macs\nlayers: [1, 9]\n" + SEED_000));
        assertEquals(List.of("rubric.yaml:6: part q: convention: unknown convention 'maccs' (did you mean 'macs'?);"
                + " known: macs, macs_with_bias, flops, flops_with_bias, mul_add, mul_add_no_bias"),
                parts.errors("check: flops\nconvention: maccs\nnetwork: zoo:alexnet\n"));
        assertEquals(List.of("rubric.yaml:8: part q: accept[0].value: give either 'value' or 'convention'"),
                parts.errors("check: flops\nnetwork: zoo:alexnet\naccept:\n  - {credit: 0.5}\n"));
        assertEquals(List.of("rubric.yaml:8: part q: accept[0].value: the value 1,428,376,960 already matches the"
                + " expected value, so this entry never applies"),
                parts.errors("check: flops\nnetwork: zoo:alexnet\naccept:\n  - {convention: flops}\n"));
        assertEquals(List.of("rubric.yaml:8: part q: mistakes[0].name: missing required field 'name' (the mistake's"
                + " identifier in results, e.g. flops_doubled)"),
                parts.errors("check: flops\nnetwork: zoo:alexnet\nmistakes:\n  - {convention: flops_with_bias}\n"));
        assertEquals(List.of("rubric.yaml:6: part q: layers: a layer is listed twice in [1, 1]"),
                parts.errors("check: params\nlayers: [1, 1]\nnetwork: zoo:alexnet\n"));
    }

    // ---------------------------------------------------------------- estimates and units (issue 13)

    @Test
    void anEstimateOfAnExactCountIsNamedAndEarnsNothing() {
        // seed 002's discussion: "61.1M parameters" for torchvision AlexNet's 61,100,840.
        Check all = parts.load("check: params\nnetwork: zoo:alexnet\n");
        Verdict v = parts.grade(all, "61.1M");
        assertEquals(0.0, v.credit());
        assertTrue(v.feedback().startsWith("61.1M is an estimate; this part needs the exact count 61,100,840.\n\n"
                + "How to get it: "), v.feedback());
        assertEquals(Status.PASSED, parts.grade(all, "\"Total = 61,100,840 params\"").status());
    }

    @Test
    void aToleranceLetsEstimatesCountAndDropsTheMistakesItCannotTellApart() {
        Check estimates = parts.load("check: params\nnetwork: zoo:alexnet\ntolerance: {rel: 0.01}\n");
        assertEquals(Status.PASSED, parts.grade(estimates, "61.1M").status());
        assertEquals(Status.PASSED, parts.grade(estimates, "\"~61 million\"").status());
        // Leaving out the biases (61,090,496) is within 1%: an estimate, no longer a mistake that can be named.
        assertTrue(mistake(estimates, "biases_forgotten").isEmpty());
        assertEquals(Status.PASSED, parts.grade(estimates, "61090496").status());
        assertTrue(estimates.answerForm().endsWith("; answers within rel 0.01 count"), estimates.answerForm());
    }

    @Test
    void aUnitWordForAnotherQuantityIsPointedOutWhenTheAnswerIsWrong() {
        Check flops = parts.load("check: flops\nconvention: mul_add\n" + SEED_000);
        Verdict v = parts.grade(flops, "\"282,240 MACs\"");
        assertEquals("macs_reported_as_flops", v.mistake());
        assertTrue(v.feedback().contains("\n\nYour answer is labelled MACs, but this part asks for FLOPs."),
                v.feedback());
        assertEquals("Correct: 565,344.", parts.grade(flops, "\"565,344 MACs\"").feedback());
        assertEquals("Correct: 565,344.", parts.grade(flops, "565344 FLOPs").feedback());
        // With FLOPs = MACs (seed 002's hint 3) either word fits.
        Check perMac = parts.load("check: flops\nconvention: macs\nnetwork: zoo:alexnet\n");
        assertFalse(parts.grade(perMac, "\"700,000,000 MACs\"").feedback().contains("labelled"));
        Check params = parts.load("check: params\nnetwork: zoo:alexnet\n");
        assertTrue(parts.grade(params, "\"714,188,480 FLOPs\"").feedback()
                .contains("Your answer is labelled FLOPs, but this part asks for parameters."));
    }

    @Test
    void aWorkingWithTheSeedsSumIsGradedByItsValue() {
        // seed 000: T_FLOP = C_mul + C_add + P_max, with the ReLU's 588 and the 29 x 588 cross-channel additions.
        Check flops = parts.load("check: flops\nconvention: mul_add\n" + SEED_000);
        assertEquals(Status.PASSED, parts.grade(flops, "282240 + 281652 + 588 + 864").status());
        assertEquals("cross_channel_additions_forgotten",
                parts.grade(flops, "\"$T_{FLOP} = 282240 + 264600 + 864 + 588$\"").mistake());
    }
}
