package io.tensorgrade.grader.rubric;

import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.answer.IntegerKind;
import io.tensorgrade.grader.check.answer.NumberKind;
import io.tensorgrade.grader.check.answer.ShapeKind;
import io.tensorgrade.grader.check.code.FunctionKind;
import io.tensorgrade.grader.check.code.JsonFunctionKind;
import io.tensorgrade.grader.check.expr.ExpressionKind;
import io.tensorgrade.grader.check.model.AccuracyKind;
import io.tensorgrade.grader.check.model.TrainingKind;
import io.tensorgrade.grader.check.network.CostKind;
import io.tensorgrade.grader.check.network.LayerShapeKind;
import io.tensorgrade.grader.check.network.OutputShapeKind;
import io.tensorgrade.grader.check.tensor.ConvKernelKind;
import io.tensorgrade.grader.check.tensor.TensorKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of check kinds, by name. A plain list, not classpath scanning: it keeps the
 * students' {@code tensorgrade check} fast to start and makes the set of kinds obvious.
 */
public final class CheckKinds {

    private final Map<String, CheckKind> kinds;

    private CheckKinds(Collection<CheckKind> kinds) {
        Map<String, CheckKind> byName = new LinkedHashMap<>();
        for (CheckKind kind : kinds) {
            if (byName.putIfAbsent(kind.name(), kind) != null) {
                throw new IllegalArgumentException("check kind '" + kind.name() + "' is registered twice");
            }
        }
        this.kinds = byName;
    }

    /** The kinds tensorgrade ships with. Add a kind here: one line. */
    public static CheckKinds standard() {
        return of(
                new IntegerKind(),
                new NumberKind(),
                new ShapeKind(),
                // Reference-backed shape and cost kinds (check.network).
                LayerShapeKind.conv(), LayerShapeKind.pool(), new OutputShapeKind(),
                CostKind.params(), CostKind.macs(), CostKind.flops(),
                // Formula, tensor and kernel answers (check.expr, check.tensor).
                new ExpressionKind(), new TensorKind(), new ConvKernelKind(),
                // Trained models scored on a held-out set (check.model).
                new AccuracyKind(), new TrainingKind(),
                // Student code run in the sandbox (check.code).
                new FunctionKind(), new JsonFunctionKind());
    }

    /** A registry of exactly {@code kinds}. */
    public static CheckKinds of(CheckKind... kinds) {
        return new CheckKinds(Arrays.asList(kinds));
    }

    /** This registry plus {@code kind} (e.g. a test double or a course-specific kind). */
    public CheckKinds with(CheckKind kind) {
        List<CheckKind> all = new ArrayList<>(kinds.values());
        all.add(kind);
        return new CheckKinds(all);
    }

    public Optional<CheckKind> find(String name) {
        return Optional.ofNullable(kinds.get(name));
    }

    /** The registered names, sorted, for messages. */
    public List<String> names() {
        return kinds.keySet().stream().sorted().toList();
    }

    /** The registered kinds in registration order. */
    public List<CheckKind> all() {
        return List.copyOf(kinds.values());
    }
}
