package io.tensorgrade.grader.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A call of {@code file:function(*args, **kwargs)} in the sandbox.
 *
 * @param id       unique within the job
 * @param file     the student file (e.g. {@code hw4.py} or {@code hw4.ipynb})
 * @param function the function name (dots reach attributes, e.g. {@code Layers.conv})
 * @param args     positional arguments
 * @param kwargs   keyword arguments, in order
 * @param tensors  whether input tensors arrive as numpy arrays or torch tensors
 * @param returns  what the function returns and what comes back of it
 * @param timeout  the time limit of this call, or null for the job's default
 */
public record Call(String id, String file, String function, List<Arg> args, Map<String, Arg> kwargs,
                   Flavour tensors, Returns returns, Duration timeout) implements Step {
    public Call {
        Names.id("step id", id);
        Names.relativePath("file", file);
        Names.dotted("function", function);
        args = List.copyOf(args);
        kwargs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        kwargs.keySet().forEach(k -> Names.dotted("keyword", k));
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(returns, "returns");
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("Call " + id + ": timeout=" + timeout + " must be positive");
        }
    }

    /** A numpy call returning one value of any kind, with the default timeout. */
    public static Call of(String id, String file, String function, Arg... args) {
        return new Call(id, file, function, Arrays.asList(args), Map.of(), Flavour.NUMPY, Returns.any(), null);
    }

    /** This call with one more keyword argument. */
    public Call withKwarg(String name, Arg value) {
        Map<String, Arg> k = new LinkedHashMap<>(kwargs);
        k.put(name, value);
        return new Call(id, file, function, args, k, tensors, returns, timeout);
    }

    /** This call with tensors of the given flavour. */
    public Call withTensors(Flavour flavour) {
        return new Call(id, file, function, args, kwargs, flavour, returns, timeout);
    }

    /** This call expecting the given return shape. */
    public Call withReturns(Returns r) {
        return new Call(id, file, function, args, kwargs, tensors, r, timeout);
    }

    /** This call with its own time limit. */
    public Call withTimeout(Duration t) {
        return new Call(id, file, function, args, kwargs, tensors, returns, t);
    }

    /** This call under another id (e.g. to reuse its arguments for a {@link NumGrad}). */
    public Call withId(String newId) {
        return new Call(newId, file, function, args, kwargs, tensors, returns, timeout);
    }

    @Override
    public List<String> dependencies() {
        List<String> deps = new ArrayList<>();
        Stream.concat(args.stream(), kwargs.values().stream())
                .forEach(a -> {
                    if (a instanceof Arg.Handle h && !deps.contains(h.step())) {
                        deps.add(h.step());
                    }
                });
        return List.copyOf(deps);
    }

    @Override
    public int valueCount() {
        return returns.count();
    }
}
