package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.check.network.InlineNetwork;
import io.tensorgrade.ref.infer.InferenceOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated {@code check: accuracy} part.
 *
 * @param network            the network the checkpoint must fit
 * @param checkpoints        file names in the submission, the first present one is read
 * @param dataset            the held-out set
 * @param mean               per-channel normalisation mean (after pixel/255)
 * @param std                per-channel normalisation std
 * @param threshold          accuracy for full credit, in (0, 1]
 * @param partialFrom        accuracy where linear partial credit starts, in [0, threshold]; equal to
 *                           {@code threshold} for none
 * @param limit              score the first {@code limit} images; 0 for all
 * @param keyMap             state_dict module prefix to layer number (from 1); empty: layers take the
 *                           modules in order
 * @param maxCheckpointBytes what reading the checkpoint may allocate
 * @param inference          threads and batch size of the inference
 * @param device             where the inference runs
 */
record AccuracySettings(InlineNetwork network, List<String> checkpoints, DatasetSpec dataset, double[] mean,
                        double[] std, double threshold, double partialFrom, int limit, Map<String, Integer> keyMap,
                        long maxCheckpointBytes, InferenceOptions inference, InferenceDevice device,
                        Leaderboard leaderboard) {

    /**
     * An accuracy part's {@code leaderboard: {name, order}}: the accuracy goes on Gradescope's leaderboard.
     *
     * @param order {@code desc} (higher is better, the default) or {@code asc}
     */
    record Leaderboard(String name, String order) {
    }

    AccuracySettings {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(inference, "inference");
        Objects.requireNonNull(device, "device");
        checkpoints = List.copyOf(checkpoints);
        if (checkpoints.isEmpty()) {
            throw new IllegalArgumentException("checkpoints must not be empty");
        }
        mean = mean.clone();
        std = std.clone();
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " values, std " + std.length);
        }
        if (!(threshold > 0 && threshold <= 1) || !(partialFrom >= 0 && partialFrom <= threshold)) {
            throw new IllegalArgumentException("threshold=" + threshold + ", partialFrom=" + partialFrom);
        }
        if (limit < 0 || maxCheckpointBytes <= 0) {
            throw new IllegalArgumentException("limit=" + limit + ", maxCheckpointBytes=" + maxCheckpointBytes);
        }
        keyMap = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keyMap));
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }
}
