package io.tensorgrade.grader.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.Objects;

/** One value a step returned, as validated on the Java side. */
public sealed interface ReturnedValue permits ReturnedValue.TensorValue, ReturnedValue.JsonValue, ReturnedValue.Kept, ReturnedValue.Invalid {

    /**
     * A tensor read from a strictly checked {@code .npy} file.
     *
     * @param tensor    the values (int64 ones as doubles)
     * @param integer   whether the function returned integers
     * @param nonFinite how many elements are NaN or infinite: reported, never trusted as a match
     */
    record TensorValue(Tensor tensor, boolean integer, int nonFinite) implements ReturnedValue {
        public TensorValue {
            Objects.requireNonNull(tensor, "tensor");
        }
    }

    /** A JSON value (NaN and infinities possible: check before comparing). */
    record JsonValue(JsonNode json) implements ReturnedValue {
        public JsonValue {
            json = json.deepCopy();
        }

        @Override
        public JsonNode json() {
            return json.deepCopy();
        }
    }

    /** A value kept inside the sandbox for later steps. */
    record Kept() implements ReturnedValue {
    }

    /** A value that could not be used, and why (e.g. "expected a tensor, got a dict"). */
    record Invalid(String reason) implements ReturnedValue {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
