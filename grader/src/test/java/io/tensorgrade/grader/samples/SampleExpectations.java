package io.tensorgrade.grader.samples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link SampleSubmissionsTest} expects of the sample submissions: the score of every as-written
 * part that loses points, and for each {@code mistakes/} folder the parts it loses and the mistake each
 * is reported as. Kept apart from the test so that the reasons sit next to the numbers.
 */
final class SampleExpectations {

    private SampleExpectations() {
    }

    // ------------------------------------------------------------------------------------------------
    // Expected scores of the as-written submissions, part by part (parts not listed score full marks).

    /**
     * Score of each part of each as-written sample that does not earn full marks (the others do).
     *
     * <p>cnn-sizes-flops (seed 000), 7 of the 16 answered points (the 5 code points are
     * ImageNetLabelSamplesTest's): q1_conv_out "7x7" and q1_pool_out "3x3" have the right spatial sizes
     * with the 12 channels left implicit (spatial_size_only, half credit): -1, -1.
     * q1_flops_total 547,704 forgets the 29 cross-channel additions per output value and the ReLU (a
     * rubric-declared mistake, worth nothing; the ReLU alone would be accepted): -4. q2_dE_dwx1 restates
     * the definition ("sum_{a in (2,3)} sum_i d(z_a - y_ai)^2 / dw(x,1)"), which does not read as a formula:
     * -3. Right: the multiplications 282,240 (1), the pool's 864 (1), dE/dw12 and dE/dw13 (h(z1*w1k) is
     * zk; 1.5 + 1.5).
     *
     * <p>conv-pool-fundamentals (seed 001), 3 of 10: q1_1b "I - S(K-1)+ 2P" is kernel_times_stride,
     * right only for S = 1: -2. q1_1d (no matrix, only a coverage sketch) and q1_2c (not answered) are
     * left out: -3, -2. Right: q1_1a 3x3 (1) and the matrix C (2).
     *
     * <p>alexnet-cifar10 (seed 002), 5 of 10: the FLOPs use the output size (I + 2P)/S carried through
     * the network (output_size_rule_wrong): conv 1,244,413,632 (-2) and total 1,303,035,584 (-2); no count
     * with biases was given ("Ignoring bias"): -1. Right: the three weight counts (1 + 1 + 2) and the
     * linear layers' FLOPs 58,621,952 (1).
     *
     * <p>lenet5-filters (seed 003), 6 of 14: p1 gives 3x3 kernels with no padding, so conv2d's output is
     * 2x(m-2)x(n-2), Y shifted by one row and column, not Y (the stencil is right but conv_kernel has no
     * partial credit): -3. p2 is not answered: -3. The C3 counts 1,500 and 2,400 leave out the 16 biases
     * (biases_forgotten, half credit in this rubric): -1, -1. Right: the grayscale weight [0.299, 0.587,
     * 0.114] (read as 1x3x1x1; 2) and both totals 60,806 and 61,706 (1 + 1).
     *
     * <p>cs231n-conv-layers (seed 004), 1.5 of 8: out_width "(w_in+2*zp-w_filter)/stride - 1" is the
     * handout's typo (minus_one_instead_of_plus_one): -1.5. The handout gives no numeric shape and no
     * numbers for the backward example (only images): conv_out_shape -1, example_dx -2, example_dw -2.
     * Right: out_height "H' = 1+(H+2*pad-HH)/stride" (1.5).
     */
    static final Map<String, Map<String, Double>> AS_WRITTEN = new LinkedHashMap<>();

    static {
        AS_WRITTEN.put("cnn-sizes-flops", Map.of(
                "q1_conv_out", 1.0, "q1_pool_out", 1.0, "q1_flops_total", 0.0, "q2_dE_dwx1", 0.0));
        AS_WRITTEN.put("conv-pool-fundamentals", Map.of(
                "q1_1b", 0.0, "q1_1d", 0.0, "q1_2c", 0.0));
        AS_WRITTEN.put("alexnet-cifar10", Map.of(
                "alexnet_params", 0.0, "alexnet_conv_flops", 0.0, "alexnet_flops", 0.0));
        AS_WRITTEN.put("lenet5-filters", Map.of(
                "p1_finite_difference", 0.0, "p2_average_pooling", 0.0,
                "p7_c3_params_partial", 1.0, "p7_c3_params_full", 1.0));
        AS_WRITTEN.put("cs231n-conv-layers", Map.of(
                "conv_out_shape", 0.0, "out_width", 0.0, "example_dx", 0.0, "example_dw", 0.0));
    }

    /** The totals the per-part scores above add up to, stated separately so that both are checked. */
    static final Map<String, Double> AS_WRITTEN_TOTAL = Map.of(
            "cnn-sizes-flops", 7.0,
            "conv-pool-fundamentals", 3.0,
            "alexnet-cifar10", 5.0,
            "lenet5-filters", 6.0,
            "cs231n-conv-layers", 1.5);

    // ------------------------------------------------------------------------------------------------
    // Mistake folders: the points each part loses and the mistake id its feedback must name.

    /**
     * One wrong part of a mistakes/ sample: the points it loses and the mistake it is reported as; a null mistake
     * is an answer that cannot be read (status unreadable).
     */
    record Loss(String part, double points, String mistake) {
    }

    static final Map<String, List<Loss>> MISTAKES = new LinkedHashMap<>();

    static {
        // cnn-sizes-flops
        // The spatial size alone (7x7, 3x3) earns half the points (spatial_size_only).
        put("cnn-sizes-flops/channels-left-out",
                new Loss("q1_conv_out", 1, "spatial_size_only"), new Loss("q1_pool_out", 1, "spatial_size_only"));
        put("cnn-sizes-flops/padding-ignored",
                new Loss("q1_conv_out", 2, "padding_ignored"), new Loss("q1_pool_out", 2, "padding_ignored"));
        put("cnn-sizes-flops/stride-ignored",
                new Loss("q1_conv_out", 2, "stride_ignored"), new Loss("q1_pool_out", 2, "stride_ignored"));
        put("cnn-sizes-flops/cross-channel-additions-forgotten",
                new Loss("q1_flops_total", 4, "cross_channel_additions_forgotten"));
        put("cnn-sizes-flops/macs-reported-as-flops",
                new Loss("q1_flops_total", 4, "macs_reported_as_flops"));
        put("cnn-sizes-flops/factor-two-missing",
                new Loss("q2_dE_dw12", 0.75, "factor_two_missing"), new Loss("q2_dE_dw13", 0.75, "factor_two_missing"));
        put("cnn-sizes-flops/only-one-path", new Loss("q2_dE_dwx1", 1.5, "only_z3_path"));
        // A YAML syntax error in one entry: only that part is lost, as unreadable (no mistake to name).
        put("cnn-sizes-flops/yaml-error-in-one-entry", new Loss("q1_pool_out", 2, null));
        // Code mistakes: every answered part is right; ImageNetLabelSamplesTest grades their code.
        put("cnn-sizes-flops/index-off-by-one");
        put("cnn-sizes-flops/description-keeps-newline");
        put("cnn-sizes-flops/label-list-exits");
        // conv-pool-fundamentals
        put("conv-pool-fundamentals/true-convolution", new Loss("q1_1c", 1, "kernel_flipped"));
        put("conv-pool-fundamentals/kernel-gradient-instead", new Loss("q1_1d", 3, "gradient_of_the_kernel"));
        put("conv-pool-fundamentals/backward-without-flip", new Loss("q1_1d", 3, "kernel_not_flipped_in_backward"));
        put("conv-pool-fundamentals/coverage-counts-only", new Loss("q1_1d", 3, "coverage_counts_only"));
        put("conv-pool-fundamentals/same-padding", new Loss("q1_1c", 2, "padding_added"));
        put("conv-pool-fundamentals/pool-stride-two", new Loss("q1_2c", 2, "stride_two"));
        put("conv-pool-fundamentals/formula-plus-one-forgotten", new Loss("q1_1b", 2, "plus_one_forgotten"));
        // alexnet-cifar10
        // The code mistakes of part 1 (graded by FunctionSamplesTest) answer the discussion correctly.
        for (String code : List.of("padding-off-by-one", "unstable-softmax", "unbiased-variance", "uses-torch-conv",
                "raises", "sleeps")) {
            put("alexnet-cifar10/" + code);
        }
        put("alexnet-cifar10/output-size-rule-wrong",
                new Loss("alexnet_conv_flops", 2, "output_size_rule_wrong"),
                new Loss("alexnet_flops", 2, "output_size_rule_wrong"));
        put("alexnet-cifar10/padding-ignored-carried",
                new Loss("alexnet_conv_flops", 2, "output_size_rule_wrong"),
                new Loss("alexnet_flops", 2, "output_size_rule_wrong"));
        put("alexnet-cifar10/biases-forgotten", new Loss("alexnet_params", 1, "biases_forgotten"));
        // Training mistakes: their answers are correct; TrainingSamplesTest grades the training part.
        put("alexnet-cifar10/training-over-budget");
        put("alexnet-cifar10/training-reads-test-data");
        put("alexnet-cifar10/biases-counted",
                new Loss("alexnet_conv_weights", 1, "biases_counted"),
                new Loss("alexnet_weights", 2, "biases_counted"));
        // lenet5-filters
        put("lenet5-filters/sign-flipped", new Loss("p1_finite_difference", 3, "sign_flipped"));
        put("lenet5-filters/channels-swapped", new Loss("p1_finite_difference", 3, "channels_swapped"));
        put("lenet5-filters/kernel-flipped", new Loss("p1_finite_difference", 3, "kernel_flipped"));
        put("lenet5-filters/not-normalised", new Loss("p2_average_pooling", 3, "not_normalised"));
        put("lenet5-filters/in-out-swapped", new Loss("p3_grayscale", 2, "in_out_swapped"));
        put("lenet5-filters/bgr-order", new Loss("p3_grayscale", 2, "input_channels_permuted"));
        put("lenet5-filters/biases-forgotten",
                new Loss("p7_c3_params_partial", 1, "biases_forgotten"),
                new Loss("p7_c3_params_full", 1, "biases_forgotten"));
        put("lenet5-filters/table-ignored",
                new Loss("p7_c3_params_partial", 2, "table_ignored"),
                new Loss("p7_total_params_partial", 1, "table_ignored"));
        // Checkpoint mistakes (answers correct; TrainingSamplesTest grades the accuracy part).
        for (String m : List.of("below", "wrong-architecture", "truncated", "malicious")) {
            put("lenet5-filters/checkpoint-" + m);
            put("cs231n-conv-layers/checkpoint-" + m);
        }
        // cs231n-conv-layers
        put("cs231n-conv-layers/minus-one-typo",
                new Loss("out_height", 1.5, "minus_one_instead_of_plus_one"),
                new Loss("out_width", 1.5, "minus_one_instead_of_plus_one"));
        put("cs231n-conv-layers/padding-one-side", new Loss("out_width", 1.5, "padding_one_side"));
        put("cs231n-conv-layers/backward-without-flip",
                new Loss("example_dx", 2, "kernel_not_flipped_in_backward"));
        put("cs231n-conv-layers/stride-ignored-shape", new Loss("conv_out_shape", 1, "stride_ignored"));
        // code mistakes (nndl/conv_layers.py), graded in check/code/ConvLayersSamplesTest and RealCodePatternsTest;
        // the answers are correct
        for (String m : List.of("helper-module-missing", "batchnorm-no-eps", "dx-pad-slice", "pool-backward-assign",
                "dgamma-keepdims", "batchnorm-over-n-only", "conv-backward-stride-ignored")) {
            put("cs231n-conv-layers/" + m);
        }
        put("cs231n-conv-layers/conv-padding-off-by-one");
        put("cs231n-conv-layers/pool-backward-max-mask");
        put("cs231n-conv-layers/conv-backward-kernel-flipped");
        put("cs231n-conv-layers/batchnorm-unbiased-variance");
    }

    private static void put(String sample, Loss... losses) {
        MISTAKES.put(sample, List.of(losses));
    }
}
