package io.tensorgrade.grader.check.code;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.check.CatalogueEntry;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.tensor.OpCallReader;
import io.tensorgrade.grader.refrun.OpCaseRunner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A recognised mistake of a {@code function} part: the reference recomputed with some params overridden
 * ({@code {id: padding_ignored, feedback: the padding is left out, params: {padding: 0}}}). When a student's
 * output fails but equals this variant in every failing case, the verdict names {@code id}.
 *
 * @param id       reported as the verdict's mistake
 * @param feedback completes "what you get when ..."
 * @param credit   share of a failing case's credit still given when it matches, in [0, 1)
 * @param params   the overrides, merged over each case's params
 */
record FunctionMistake(String id, String feedback, double credit, ObjectNode params) {

    static final List<String> KEYS = List.of("id", "feedback", "params", "credit");
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    FunctionMistake {
        Objects.requireNonNull(id, "id");
        feedback = feedback == null || feedback.isBlank() ? "you make the mistake '" + id + "'" : feedback.strip();
        if (!(credit >= 0 && credit < 1)) {
            throw new IllegalArgumentException("mistake '" + id + "': credit=" + credit + " must be in [0, 1)");
        }
        params = params.deepCopy();
    }

    @Override
    public ObjectNode params() {
        return params.deepCopy();
    }

    /** {@code base} with this mistake's overrides. */
    ObjectNode apply(ObjectNode base) {
        ObjectNode out = base.deepCopy();
        out.setAll(params.deepCopy());
        return out;
    }

    /** How {@code rubric explain} lists it. */
    CatalogueEntry entry() {
        return CatalogueEntry.mistake(id, "the reference with " + params, credit, feedback);
    }

    /** The part's {@code mistakes}; problems go to {@code config} ({@code mistakes[1].params.padding}). */
    static List<FunctionMistake> read(ConfigReader config, OpCaseRunner.Signature signature) {
        List<FunctionMistake> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigReader item : config.items("mistakes", KEYS)) {
            String id = item.string("id");
            if (!id.isEmpty() && !ID.matcher(id).matches()) {
                item.error("id", "expected a name such as padding_ignored, found '" + id + "'");
            } else if (!id.isEmpty() && (!ids.add(id) || id.equals(FunctionCheck.FORBIDDEN))) {
                item.error("id", "'" + id + "' is used twice (or is the built-in " + FunctionCheck.FORBIDDEN + ")");
            }
            String feedback = item.string("feedback");
            double credit = item.fraction("credit", 0.0);
            if (credit == 1) {
                item.error("credit", "a mistake worth full credit is not a mistake; give it a credit below 1");
            }
            if (!item.has("params")) {
                item.error("params", "missing required field 'params': the reference's params that give this"
                        + " mistake, e.g. {padding: 0}");
            }
            ObjectNode params = OpCallReader.params(item, signature);
            if (params != null && item.has("params") && params.isEmpty()) {
                item.error("params", "expected at least one param to override");
            }
            if (params != null && !id.isEmpty() && credit < 1 && config.ok()) {
                out.add(new FunctionMistake(id, feedback, credit, params));
            }
        }
        return out;
    }
}
