package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.sandbox.CallOutcome;
import io.tensorgrade.grader.sandbox.CallStatus;
import io.tensorgrade.grader.sandbox.ReturnedValue;
import io.tensorgrade.grader.sandbox.SandboxResult;
import io.tensorgrade.ref.tensor.Comparison;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.List;

/** Finds the recognised mistake that explains every failing case of a {@code function} part. */
final class MistakeMatch {

    private MistakeMatch() {
    }

    /**
     * The first mistake whose output the student's return value matches (within {@code tolerance}) in every
     * failing case, or null. A case that raised, timed out or returned NaN or infinity matches nothing.
     */
    static FunctionMistake find(List<FunctionMistake> mistakes, List<FunctionCheck.Case> failed,
                                SandboxResult result, Tolerance tolerance, String prefix) {
        if (failed.isEmpty()) {
            return null;
        }
        for (FunctionMistake m : mistakes) {
            boolean all = true;
            for (FunctionCheck.Case c : failed) {
                Tensor variant = c.mistakes().get(m.id());
                Tensor actual = returned(result.call(prefix + c.id()));
                actual = actual == null ? null : FunctionCheck.scalarAsScalar(c.expected(), actual);
                if (variant == null || actual == null
                        || !Comparison.of(variant, actual, tolerance.abs(), tolerance.rel()).matches()) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return m;
            }
        }
        return null;
    }

    /** The finite tensor a call returned, or null. */
    private static Tensor returned(CallOutcome outcome) {
        if (outcome.status() != CallStatus.OK) {
            return null;
        }
        ReturnedValue v = outcome.value(0);
        return v instanceof ReturnedValue.TensorValue t && t.nonFinite() == 0 ? t.tensor() : null;
    }
}
