package io.tensorgrade.grader.sandbox;

import io.tensorgrade.ref.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one submission's run needs: the student's files (copied in, never mounted writable),
 * the input tensors, the rubric's data files, the steps in order, the APIs the assignment forbids, and
 * the limits. Expected values never appear here: only inputs go in and only outputs come out.
 *
 * @param files  the student's files and the course files that travel with them, each copied under its name
 * @param inputs input tensors by name
 * @param data   the rubric's data files by the flat name they get in the sandbox (read-only there;
 *               a step receives one's path through {@link Arg#data})
 * @param steps  calls and numerical gradients, run in this order
 * @param forbid dotted names of callables forbidden in every step, e.g. {@code torch.nn.functional.conv2d}
 * @param stepForbid more forbidden callables for single steps, by step id (one job may carry several rubric
 *                   parts, each with its own list): a step's list is {@code forbid} plus its entry here
 * @param limits resource limits
 */
public record SandboxJob(List<StudentFile> files, Map<String, InputTensor> inputs, Map<String, Path> data,
                         List<Step> steps, List<String> forbid, Map<String, List<String>> stepForbid,
                         Limits limits) {
    public SandboxJob {
        files = List.copyOf(files);
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
        steps = List.copyOf(steps);
        forbid = List.copyOf(forbid);
        Map<String, List<String>> perStep = new LinkedHashMap<>();
        stepForbid.forEach((id, apis) -> perStep.put(id, List.copyOf(apis)));
        stepForbid = java.util.Collections.unmodifiableMap(perStep);
        Objects.requireNonNull(limits, "limits");
        validate(files, inputs, data, steps, forbid);
        stepForbid.values().forEach(l -> l.forEach(f -> Names.dotted("forbid", f)));
        Set<String> ids = new HashSet<>();
        steps.forEach(st -> ids.add(st.id()));
        for (String id : stepForbid.keySet()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("a forbid list names step " + id + ", which the job does not have");
            }
        }
    }

    /** A job whose forbid list holds for every step. */
    public SandboxJob(List<StudentFile> files, Map<String, InputTensor> inputs, Map<String, Path> data,
                      List<Step> steps, List<String> forbid, Limits limits) {
        this(files, inputs, data, steps, forbid, Map.of(), limits);
    }

    /** A job without data files. */
    public SandboxJob(List<StudentFile> files, Map<String, InputTensor> inputs, List<Step> steps, List<String> forbid,
                      Limits limits) {
        this(files, inputs, Map.of(), steps, forbid, limits);
    }

    /** The callables forbidden in the step with this id: the job's list and the step's own, in that order. */
    public List<String> forbidden(String stepId) {
        List<String> own = stepForbid.getOrDefault(stepId, List.of());
        if (own.isEmpty()) {
            return forbid;
        }
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(forbid);
        all.addAll(own);
        return List.copyOf(all);
    }

    /** Every callable some step forbids (what the scan looks for and the runtime guard replaces). */
    public List<String> allForbidden() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(forbid);
        stepForbid.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    /** A builder, for jobs assembled step by step. */
    public static Builder builder() {
        return new Builder();
    }

    /** The step with this id. */
    public Step step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step with id '" + id + "'"));
    }

    private static void validate(List<StudentFile> files, Map<String, InputTensor> inputs, Map<String, Path> data,
                                 List<Step> steps, List<String> forbid) {
        Set<String> names = new HashSet<>();
        for (StudentFile f : files) {
            String name = f.name();
            if (!names.add(name)) {
                throw new IllegalArgumentException("two student files are called " + name);
            }
        }
        inputs.keySet().forEach(n -> Names.id("input name", n));
        data.forEach((n, p) -> {
            Names.file("data file", n);
            Objects.requireNonNull(p, "data file " + n);
        });
        forbid.forEach(f -> Names.dotted("forbid", f));
        Map<String, Step> earlier = new LinkedHashMap<>();
        for (Step s : steps) {
            if (earlier.containsKey(s.id())) {
                throw new IllegalArgumentException("two steps have the id " + s.id());
            }
            if (!names.contains(s.file())) {
                throw new IllegalArgumentException("step " + s.id() + ": file " + s.file()
                        + " is not among the student files " + names);
            }
            for (String dep : s.dependencies()) {
                if (!(earlier.get(dep) instanceof Call)) {
                    throw new IllegalArgumentException("step " + s.id() + " uses the result of " + dep
                            + ", which is not an earlier call");
                }
            }
            for (String name : dataNames(s)) {
                if (!data.containsKey(name)) {
                    throw new IllegalArgumentException("step " + s.id() + " uses data file " + name
                            + ", which the job does not carry; carried: " + data.keySet());
                }
            }
            for (String input : inputNames(s)) {
                if (!inputs.containsKey(input)) {
                    throw new IllegalArgumentException("step " + s.id() + " uses input " + input
                            + ", which the job does not define; defined: " + inputs.keySet());
                }
            }
            earlier.put(s.id(), s);
        }
    }

    private static List<String> inputNames(Step s) {
        Call c = s instanceof NumGrad g ? g.forward() : (Call) s;
        List<String> out = new ArrayList<>();
        c.args().forEach(a -> addInput(a, out));
        c.kwargs().values().forEach(a -> addInput(a, out));
        if (s instanceof NumGrad g && g.gradOutput() != null) {
            out.add(g.gradOutput());
        }
        return out;
    }

    private static List<String> dataNames(Step s) {
        Call c = s instanceof NumGrad g ? g.forward() : (Call) s;
        List<String> out = new ArrayList<>();
        java.util.stream.Stream.concat(c.args().stream(), c.kwargs().values().stream())
                .forEach(a -> {
                    if (a instanceof Arg.Data d) {
                        out.add(d.name());
                    }
                });
        return out;
    }

    private static void addInput(Arg a, List<String> out) {
        if (a instanceof Arg.Input i) {
            out.add(i.name());
        }
    }

    /** Collects a job; {@link #build()} validates it. */
    public static final class Builder {
        private final List<StudentFile> files = new ArrayList<>();
        private final Map<String, InputTensor> inputs = new LinkedHashMap<>();
        private final Map<String, Path> data = new LinkedHashMap<>();
        private final List<Step> steps = new ArrayList<>();
        private final List<String> forbid = new ArrayList<>();
        private final Map<String, List<String>> stepForbid = new LinkedHashMap<>();
        private Limits limits = Limits.defaults();

        private Builder() {
        }

        /** Adds a student file under its own file name. */
        public Builder file(Path file) {
            return file(StudentFile.of(file));
        }

        /** Adds a file under the name it has in the job; the same file twice under one name is fine. */
        public Builder file(StudentFile file) {
            if (!files.contains(file)) {
                files.add(file);
            }
            return this;
        }

        public Builder input(String name, Tensor tensor) {
            inputs.put(name, InputTensor.of(tensor));
            return this;
        }

        public Builder input(String name, InputTensor tensor) {
            inputs.put(name, tensor);
            return this;
        }

        /**
         * Carries the rubric file {@code file} into the sandbox as data file {@code name}; naming the same
         * file twice is fine (two parts may share one), naming two files alike is not.
         */
        public Builder data(String name, Path file) {
            Path before = data.putIfAbsent(name, file);
            if (before != null && !before.equals(file)) {
                throw new IllegalArgumentException("data file " + name + " is both " + before + " and " + file);
            }
            return this;
        }

        public Builder step(Step step) {
            steps.add(step);
            return this;
        }

        public Builder forbid(String... apis) {
            forbid.addAll(List.of(apis));
            return this;
        }

        /** Forbids {@code apis} in the step {@code stepId} only (added to the job-wide list). */
        public Builder forbidIn(String stepId, List<String> apis) {
            if (!apis.isEmpty()) {
                stepForbid.computeIfAbsent(stepId, k -> new ArrayList<>()).addAll(apis);
            }
            return this;
        }

        /** The ids of the steps added so far, in order. */
        public List<String> stepIds() {
            return steps.stream().map(Step::id).toList();
        }

        public Builder limits(Limits l) {
            limits = l;
            return this;
        }

        public SandboxJob build() {
            return new SandboxJob(files, inputs, data, steps, forbid, stepForbid, limits);
        }
    }
}
