/**
 * Reference-backed check kinds about networks: output shapes ({@code conv_output_shape},
 * {@code pool_output_shape}, {@code output_shape}) and counts ({@code params}, {@code macs},
 * {@code flops}), the inline network reader they share ({@link io.tensorgrade.grader.check.network.NetworkReader}),
 * and their built-in mistake catalogues. Expected values come from {@code io.tensorgrade.ref}; every
 * built-in mistake is the same question asked of the reference again with the mistake applied
 * (another network, convention, set of layers or output-size rule).
 */
package io.tensorgrade.grader.check.network;
