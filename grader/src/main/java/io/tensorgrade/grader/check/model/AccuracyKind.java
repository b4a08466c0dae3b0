package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.check.AnswerParser;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.check.network.InlineNetwork;
import io.tensorgrade.grader.check.network.NetworkReader;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.infer.InferenceOptions;
import io.tensorgrade.ref.io.Checkpoint;
import io.tensorgrade.ref.io.Cifar10;
import io.tensorgrade.ref.net.NetworkSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code check: accuracy}: a student's trained network, graded on a held-out set. The submission holds a
 * checkpoint (a state_dict as {@code .pt}/{@code .pth}, {@code .safetensors} or {@code .npz}); it is read
 * without executing anything, checked against the rubric's {@code network} (keys and shapes), and scored
 * by the Java inference on the {@code dataset}. Full credit at {@code threshold}, linear partial credit
 * from {@code partial_credit_from}; the feedback gives the accuracy with its Wilson 95% interval, the
 * accuracy per class and the confusion matrix. {@code device: cpu|gpu|auto} says where the inference runs
 * (default {@code cpu}; {@code auto} uses a GPU when there is one).
 */
public final class AccuracyKind implements CheckKind {
    private static final List<String> DATASET_KEYS = List.of("format", "path", "split", "images", "labels");

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public String description() {
        return "the accuracy of a submitted checkpoint of a network on a held-out data set, with a threshold and"
                + " partial credit below it";
    }

    /** The keys of an accuracy part; the training kind takes them too. */
    static final Set<String> KEYS = Set.of("network", "input", "checkpoint", "dataset", "normalize", "threshold",
            "partial_credit_from", "limit", "key_map", "max_checkpoint_mb", "device", "leaderboard");

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    @Override
    public Check create(ConfigReader config) {
        AccuracySettings settings = settings(config);
        return settings == null ? null : new AccuracyCheck(settings);
    }

    /** Reads the accuracy keys of a part ({@link #KEYS}); null after a problem (reported through config). */
    static AccuracySettings settings(ConfigReader config) {
        Optional<InlineNetwork> network = NetworkReader.read(config, false);
        List<String> checkpoints = checkpoints(config);
        DatasetSpec dataset = dataset(config);
        double threshold = config.number("threshold");
        if (config.has("threshold") && !(threshold > 0 && threshold <= 1)) {
            config.error("threshold", "expected an accuracy in (0, 1], e.g. 0.75, found " + threshold);
        }
        double partialFrom = config.has("partial_credit_from") ? config.fraction("partial_credit_from", 0)
                : threshold;
        if (config.has("partial_credit_from") && partialFrom > threshold) {
            config.error("partial_credit_from", "partial credit must start at or below the threshold " + threshold
                    + ", found " + partialFrom);
        }
        long limit = config.integer("limit", 0);
        if (config.has("limit") && limit < 1) {
            config.error("limit", "expected a number of images >= 1, found " + limit);
        }
        long maxMb = config.integer("max_checkpoint_mb", Checkpoint.DEFAULT_MAX_BYTES >> 20);
        if (maxMb < 1) {
            config.error("max_checkpoint_mb", "expected a size in MiB >= 1, found " + maxMb);
        }
        String device = config.choice("device", List.of("cpu", "gpu", "auto"), "cpu");
        AccuracySettings.Leaderboard board = config.map("leaderboard", List.of("name", "order"))
                .map(l -> new AccuracySettings.Leaderboard(l.string("name", "Accuracy"),
                        l.choice("order", List.of("desc", "asc"), "desc"))).orElse(null);
        int channels = dataset == null ? 0 : dataset.format().channels;
        double[][] norm = normalize(config, channels);
        Map<String, Integer> keyMap = network.map(n -> keyMap(config, n.spec())).orElse(Map.of());
        if (network.isPresent()) {
            checkNetwork(config, network.get(), channels);
        }
        if (!config.ok() || network.isEmpty() || dataset == null || norm == null || keyMap == null) {
            return null;
        }
        return new AccuracySettings(network.get(), checkpoints, dataset, norm[0], norm[1],
                threshold, partialFrom, (int) Math.min(limit, Integer.MAX_VALUE), keyMap, maxMb << 20,
                InferenceOptions.defaults(), InferenceDevice.valueOf(device.toUpperCase(Locale.ROOT)), board);
    }

    private static List<String> checkpoints(ConfigReader config) {
        if (!config.has("checkpoint")) {
            config.error("checkpoint", "missing required field 'checkpoint': the file in the submission, e.g."
                    + " model.pt");
            return List.of();
        }
        List<String> names = config.strings("checkpoint");
        if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
            config.error("checkpoint", "expected a file name such as model.pt, or a list of them");
        }
        for (String n : names) {
            if (n.startsWith("/") || Arrays.asList(n.replace('\\', '/').split("/")).contains("..")) {
                config.error("checkpoint", "'" + n + "' must be a path inside the submission folder");
            }
        }
        return names;
    }

    private static DatasetSpec dataset(ConfigReader config) {
        if (!config.has("dataset")) {
            config.error("dataset", "missing required field 'dataset', e.g. {format: cifar10, path:"
                    + " data/cifar-10-batches-py, split: test}");
            return null;
        }
        ConfigReader d = config.map("dataset", DATASET_KEYS).orElse(null);
        if (d == null) {
            return null;
        }
        String format = d.choice("format", List.of("cifar10", "mnist"), null);
        if (format.equals("cifar10")) {
            for (String k : List.of("images", "labels")) {
                if (d.has(k)) {
                    d.error(k, "'" + k + "' is for mnist; cifar10 takes 'path' (the batches folder) and 'split'");
                }
            }
            String path = d.string("path");
            String split = d.choice("split", List.of("test", "train"), "test");
            return path.isEmpty() ? null : new DatasetSpec(DatasetSpec.Format.CIFAR10, List.of(path),
                    Cifar10.Split.valueOf(split.toUpperCase(Locale.ROOT)));
        }
        if (format.equals("mnist")) {
            for (String k : List.of("path", "split")) {
                if (d.has(k)) {
                    d.error(k, "'" + k + "' is for cifar10; mnist takes 'images' and 'labels' (the IDX files)");
                }
            }
            String images = d.string("images");
            String labels = d.string("labels");
            return images.isEmpty() || labels.isEmpty() ? null
                    : new DatasetSpec(DatasetSpec.Format.MNIST, List.of(images, labels), null);
        }
        return null;
    }

    /** {mean, std}; identity (pixel/255) when absent; null after a problem. */
    private static double[][] normalize(ConfigReader config, int channels) {
        if (!config.has("normalize")) {
            double[] mean = new double[Math.max(channels, 1)];
            double[] std = new double[mean.length];
            Arrays.fill(std, 1);
            return new double[][] {mean, std};
        }
        ConfigReader n = config.map("normalize", List.of("mean", "std")).orElse(null);
        if (n == null) {
            return null;
        }
        double[] mean = numbers(n, "mean");
        double[] std = numbers(n, "std");
        if (mean == null || std == null) {
            return null;
        }
        for (String key : List.of("mean", "std")) {
            double[] v = key.equals("mean") ? mean : std;
            if (channels > 0 && v.length != channels) {
                n.error(key, "expected " + channels + " values (one per channel of the images), found " + v.length);
                return null;
            }
        }
        if (Arrays.stream(std).anyMatch(s -> !(s > 0))) {
            n.error("std", "every std must be > 0, found " + Arrays.toString(std));
            return null;
        }
        return new double[][] {mean, std};
    }

    private static double[] numbers(ConfigReader c, String key) {
        return c.value(key, node -> {
            List<YamlNode> items = node instanceof YamlList l ? l.items() : List.of(node);
            double[] out = new double[items.size()];
            for (int i = 0; i < out.length; i++) {
                double v = AnswerParser.number(items.get(i)).value();
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("expected finite numbers, found " + v);
                }
                out[i] = v;
            }
            return out;
        });
    }

    /** {@code key_map: {features.0: 1, fc: 24}}: module prefix to layer number; null after a problem. */
    private static Map<String, Integer> keyMap(ConfigReader config, NetworkSpec spec) {
        YamlNode node = config.node("key_map");
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof YamlMap map) || map.keys().isEmpty()) {
            config.error("key_map", "expected a mapping from state_dict module prefix to layer number, e.g."
                    + " {features.0: 1, fc: 24}; found " + node.describe());
            return null;
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        Map<Integer, String> taken = new LinkedHashMap<>();
        ConfigReader entries = config.nested(map, "key_map");
        for (String prefix : map.keys()) {
            Value.Int v = entries.value(prefix, AnswerParser::integer);
            if (v == null) {
                return null;
            }
            long layer = v.value();
            if (layer < 1 || layer > spec.layers().size()) {
                entries.error(prefix, "layer " + layer + " is outside 1.." + spec.layers().size());
                return null;
            }
            if (!StateDictNames.hasWeights(spec.layers().get((int) layer - 1))) {
                entries.error(prefix, spec.label((int) layer) + " has no weights");
                return null;
            }
            String before = taken.put((int) layer, prefix);
            if (before != null) {
                entries.error(prefix, "layer " + layer + " is already mapped from '" + before + "'");
                return null;
            }
            out.put(prefix, (int) layer);
        }
        List<String> unmapped = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            if (StateDictNames.hasWeights(spec.layers().get(i)) && !taken.containsKey(i + 1)) {
                unmapped.add(String.valueOf(i + 1));
            }
        }
        if (!unmapped.isEmpty()) {
            config.error("key_map", "no prefix for the layers with weights " + String.join(", ", unmapped)
                    + "; map every one of them");
            return null;
        }
        return out;
    }

    /** The network must take the data set's images and be runnable by the inference. */
    private static void checkNetwork(ConfigReader config, InlineNetwork network, int channels) {
        network.knownInput().ifPresent(input -> {
            if (channels > 0 && (!input.isImage() || input.dims().get(0) != channels)) {
                config.error(config.has("input") ? "input" : "network", "the network takes inputs " + input
                        + " but the data set's images have " + channels + " channel" + (channels == 1 ? "" : "s"));
            }
        });
        try {
            AccuracyCheck.checkSupported(network.spec());
        } catch (RefException e) {
            config.error("network", "cannot be run for the accuracy check: " + e.getMessage());
        }
    }
}
