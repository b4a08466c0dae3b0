package io.tensorgrade.ref.cost;

import io.tensorgrade.ref.RefException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How operations are counted. Courses disagree, so every count names its convention. The constant
 * names are lower case on purpose: {@link #name()} is the identifier used on the command line, in
 * rubrics and in JSON, and Jackson maps it without configuration.
 *
 * <p>For conv2d, the connection-table conv and linear, let {@code k} be the fan-in of one output value
 * ({@code (in/groups)*kh*kw} for conv2d, {@code in} for linear, the connected maps times
 * {@code kh*kw} for a table conv), {@code N} the number of output values and {@code B} = {@code N} when
 * the layer has a bias, else 0. MACs are {@code N*k}. See {@code docs/cost-conventions.md}.
 */
public enum Convention {
    /** Multiply-accumulates of conv and linear layers, {@code N*k}; bias, pooling, norms and activations: 0. */
    macs("multiply-accumulates of conv/linear: N*k; bias, pooling, batch norm, activations count 0"),
    /** {@link #macs} plus one per output value of a conv/linear layer that has a bias: {@code N*k + B}. */
    macs_with_bias("macs plus one per output value of a conv/linear layer with bias: N*k + B"),
    /** Two per multiply-accumulate: {@code 2*N*k}; only conv and linear layers count. */
    flops("2 x macs: 2*N*k for conv/linear; everything else counts 0"),
    /** {@link #flops} plus the bias additions: {@code 2*N*k + B}. */
    flops_with_bias("2 x macs plus one bias addition per output value: 2*N*k + B"),
    /**
     * Exact multiplications, additions, comparisons and divisions. conv/linear: {@code k} multiplications
     * and {@code k-1} additions per output value, plus 1 addition with bias; max pool over {@code n}
     * values: {@code n-1} comparisons; average pool (also adaptive): {@code n-1} additions and 1 division;
     * LeNet subsampling: {@code n-1} additions, 1 multiplication, 1 bias addition; batch norm (inference,
     * folded): 1 multiplication and 1 addition per value; ReLU: 1 comparison per value; sigmoid, tanh,
     * dropout and flatten: 0.
     */
    mul_add("exact: per output k mul + (k-1) add (+1 with bias); max pool n-1 comparisons; avg pool n-1 add"
            + " + 1 div; relu 1 per value; batch norm 2 per value; sigmoid/tanh 0"),
    /** {@link #mul_add} without any bias addition (conv/linear bias, subsampling bias, batch-norm shift). */
    mul_add_no_bias("mul_add without any bias addition");

    private final String summary;

    Convention(String summary) {
        this.summary = summary;
    }

    /** One line saying what this convention counts. */
    public String summary() {
        return summary;
    }

    /** The convention called {@code name} (case-insensitive, {@code -} read as {@code _}). */
    public static Convention of(String name) {
        if (name != null) {
            String key = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
            for (Convention c : values()) {
                if (c.name().equals(key)) {
                    return c;
                }
            }
        }
        throw new RefException("unknown convention '" + name + "'; known: " + String.join(", ", names()));
    }

    /** The known names, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
