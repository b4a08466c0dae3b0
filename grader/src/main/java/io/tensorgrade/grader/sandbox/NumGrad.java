package io.tensorgrade.grader.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The numerical gradient of the student's own forward function, by central differences in float64:
 * d/dx of {@code sum(f(...)[output] * gradOutput)}, for diagnosing a backward pass. The result is one
 * float64 tensor shaped like the differentiated argument.
 *
 * @param id          unique within the job
 * @param forward     the forward call (its own id is not used; it is not run as a step)
 * @param position    the positional argument to differentiate, or -1 when {@code keyword} is set
 * @param keyword     the keyword argument to differentiate, or null
 * @param output      the tuple element of the forward's return to use, or null for the whole return
 * @param gradOutput  the input tensor weighting the output, or null for all ones
 * @param eps         the finite-difference step
 * @param maxElements refuse inputs larger than this (the forward runs twice per element)
 * @param timeout     the time limit of the whole gradient, or null for the job's default
 */
public record NumGrad(String id, Call forward, int position, String keyword, Integer output, String gradOutput,
                      double eps, int maxElements, Duration timeout) implements Step {
    public NumGrad {
        Names.id("step id", id);
        Objects.requireNonNull(forward, "forward");
        if (!forward.dependencies().isEmpty()) {
            throw new IllegalArgumentException("NumGrad " + id + ": the forward call may not use handles, it uses "
                    + forward.dependencies());
        }
        if ((keyword == null) == (position < 0)) {
            throw new IllegalArgumentException("NumGrad " + id + ": give either position >= 0 or keyword, got position="
                    + position + ", keyword=" + keyword);
        }
        Arg target = keyword != null ? forward.kwargs().get(keyword)
                : position < forward.args().size() ? forward.args().get(position) : null;
        if (!(target instanceof Arg.Input)) {
            throw new IllegalArgumentException("NumGrad " + id + ": the differentiated argument "
                    + (keyword != null ? keyword : "#" + position) + " must be an input tensor, got " + target);
        }
        if (gradOutput != null) {
            Names.id("gradOutput", gradOutput);
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("NumGrad " + id + ": eps=" + eps + " must be positive");
        }
        if (maxElements < 1) {
            throw new IllegalArgumentException("NumGrad " + id + ": maxElements=" + maxElements + " must be >= 1");
        }
    }

    /** The gradient with respect to positional argument {@code position}, eps 1e-6, all-ones weighting. */
    public static NumGrad of(String id, Call forward, int position) {
        return new NumGrad(id, forward, position, null, null, null, 1e-6, 4096, null);
    }

    /** The gradient with respect to keyword argument {@code keyword}, eps 1e-6, all-ones weighting. */
    public static NumGrad of(String id, Call forward, String keyword) {
        return new NumGrad(id, forward, -1, keyword, null, null, 1e-6, 4096, null);
    }

    /** This gradient weighting the output by the named input tensor. */
    public NumGrad withGradOutput(String input) {
        return new NumGrad(id, forward, position, keyword, output, input, eps, maxElements, timeout);
    }

    /** This gradient taken on tuple element {@code index} of the forward's return. */
    public NumGrad withOutput(int index) {
        return new NumGrad(id, forward, position, keyword, index, gradOutput, eps, maxElements, timeout);
    }

    /** This gradient with its own time limit. */
    public NumGrad withTimeout(Duration t) {
        return new NumGrad(id, forward, position, keyword, output, gradOutput, eps, maxElements, t);
    }

    @Override
    public String file() {
        return forward.file();
    }

    @Override
    public List<String> dependencies() {
        return List.of();
    }

    @Override
    public int valueCount() {
        return 1;
    }
}
