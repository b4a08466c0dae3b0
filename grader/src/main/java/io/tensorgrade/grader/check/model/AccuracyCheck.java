package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.DataUnavailableException;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.infer.InferenceModel;
import io.tensorgrade.ref.infer.InputFormat;
import io.tensorgrade.ref.infer.WeightNaming;
import io.tensorgrade.ref.io.Checkpoint;
import io.tensorgrade.ref.io.ImageDataset;
import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grades a submitted checkpoint by its accuracy on a held-out set, run outside the sandbox by the Java
 * inference: the file is read without executing anything, checked against the network (keys and shapes,
 * with a diff), scored, and graded with a threshold and a linear partial-credit ramp below it.
 */
final class AccuracyCheck implements Check {
    /** Mistake names in results, for per-part failure statistics. */
    static final String UNREADABLE = "unreadable_checkpoint";
    static final String ARCHITECTURE = "architecture_mismatch";
    static final String MISSING = "missing_checkpoint";

    private final AccuracySettings settings;

    AccuracyCheck(AccuracySettings settings) {
        this.settings = settings;
    }

    @Override
    public Expected expected() {
        AccuracySettings s = settings;
        String partial = s.partialFrom() < s.threshold() ? "; linear partial credit from "
                + AccuracyStats.percent(s.partialFrom(), 1) + " to " + AccuracyStats.percent(s.threshold(), 1)
                + ", none below" : "; nothing below";
        return new Expected("accuracy >= " + AccuracyStats.percent(s.threshold(), 1) + " of " + s.network().spec().name()
                + " on " + (s.limit() > 0 ? "the first " + s.limit() + " images of " : "") + s.dataset().describe(),
                "full credit at or above the threshold" + partial + ". The network expects:\n  "
                        + String.join("\n  ", StateDictNames.describe(s.network().spec())));
    }

    @Override
    public String answerForm() {
        String names = String.join(" or ", settings.checkpoints());
        return "the file " + names + " in your submission: the model's weights saved with"
                + " torch.save(model.state_dict(), '" + settings.checkpoints().get(0) + "') (.pt/.pth), safetensors"
                + " or numpy.savez (.npz)";
    }

    @Override
    public boolean scoresModel() {
        return true;
    }

    /** The checkpoint names it accepts (any one will do). */
    @Override
    public java.util.List<String> submittedFiles() {
        return settings.checkpoints();
    }

    @Override
    public boolean needsAnswer() {
        return false;
    }

    @Override
    public Verdict grade(CheckContext context) {
        Path file = findCheckpoint(context);
        if (file == null) {
            return new Verdict(0, Status.FAILED, "No checkpoint found: expected "
                    + String.join(" or ", settings.checkpoints()) + " in your submission. " + saveHint(), MISSING);
        }
        String shown = context.submission().dir().toAbsolutePath().normalize().relativize(file).toString();
        return gradeFile(file, shown, context);
    }

    /**
     * Grades the checkpoint {@code file} (called {@code shown} in feedback): read safely, matched to the
     * network, scored on the held-out set. The training check grades the file its run wrote with this.
     */
    Verdict gradeFile(Path file, String shown, CheckContext context) {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.read(file, settings.maxCheckpointBytes());
        } catch (RefException e) {
            return new Verdict(0, Status.FAILED, "Your checkpoint " + shown
                    + " could not be read: " + relative(e.getMessage(), file, shown) + ". " + saveHint(), UNREADABLE);
        }
        StateDictNames.Stripped stripped = StateDictNames.strip(checkpoint.tensors());
        NetworkSpec spec = settings.network().spec();
        InferenceModel model;
        List<String> notes = new ArrayList<>();
        try {
            model = InferenceModel.compile(spec, stripped.tensors(), naming(), settings.inference());
        } catch (RefException e) {
            // Modules declared in another order than they run (fc before features) do not pair up in key
            // order; when every layer finds exactly one module of its shapes, that pairing is used.
            Map<Integer, String> byShape = settings.keyMap().isEmpty()
                    ? ShapeMatching.prefixes(spec, stripped.tensors()) : null;
            model = byShape == null ? null : compileOrNull(spec, stripped.tensors(), byShape);
            if (model == null) {
                return new Verdict(0, Status.FAILED, "Your checkpoint " + shown
                        + " does not match the network " + spec.name() + ": " + e.getMessage()
                        .replaceFirst("^the weights do not fit network [^:]*: ", "") + keyHint(stripped),
                        ARCHITECTURE);
            }
            notes.add("The state_dict's modules are not in the order the layers run; they were matched to the"
                    + " layers by their shapes: " + ShapeMatching.describe(spec, byShape) + ".");
        }
        notes.add(0, "Checkpoint " + shown + " (" + checkpoint.format().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + (checkpoint.stateDictKey().isEmpty() ? ""
                : ", state_dict under '" + checkpoint.stateDictKey() + "'")
                + (stripped.removed().isEmpty() ? "" : ", prefix '" + stripped.removed() + "' removed")
                + ") matches " + spec.name() + ".");
        ImageDataset data;
        try {
            data = DatasetCache.get(settings.dataset(), settings.dataset().locate(context.rubricDir(),
                    context.dataDir()));
        } catch (DataUnavailableException | RefException e) {
            return Verdict.error(String.join(" ", notes) + " The accuracy could not be measured: "
                    + e.getMessage() + ". This is not a problem with your submission.");
        }
        return score(model, data, notes);
    }

    private Verdict score(InferenceModel model, ImageDataset data, List<String> notes) {
        AccuracySettings s = settings;
        ActivationShape input = s.network().knownInput().orElse(null);
        if (input != null && !input.equals(ActivationShape.chw(data.channels(), data.height(), data.width()))) {
            return Verdict.error("The rubric's network takes inputs " + input + " but " + data.source() + " has images"
                    + " of " + data.channels() + "x" + data.height() + "x" + data.width() + ". This is a rubric problem.");
        }
        int n = s.limit() > 0 ? Math.min(s.limit(), data.size()) : data.size();
        InputFormat format = InputFormat.uint8(data.channels(), data.height(), data.width(), s.mean(), s.std());
        List<String> classes = s.dataset().format().classes;
        long start = System.nanoTime();
        float[] logits;
        String engine;
        try (InferenceDevice.Runner runner = s.device().open(model)) {
            logits = runner.predict(data.rawPixels(), n, format);
            engine = runner.name();
            runner.note().ifPresent(notes::add);
        } catch (RefException e) {
            if (s.device() == InferenceDevice.CPU) {
                throw e;
            }
            return Verdict.error(String.join(" ", notes) + " The accuracy could not be measured on the GPU: "
                    + e.getMessage() + ". This is not a problem with your submission.");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int outputs = model.outputSize(format);
        if (outputs < classes.size()) {
            return Verdict.error("The rubric's network has " + outputs + " outputs for the " + classes.size()
                    + " classes of " + s.dataset().describe() + ". This is a rubric problem.");
        }
        int[] predicted = predictions(logits, outputs);
        int[] labels = Arrays.copyOf(data.labels(), n);
        AccuracyStats stats = AccuracyStats.of(labels, predicted, classes.size());
        Verdict verdict = Verdict.of(credit(stats.accuracy()), feedback(stats, labels, n, seconds, engine, notes),
                null);
        AccuracySettings.Leaderboard board = settings.leaderboard();
        return board == null ? verdict : verdict.withLeaderboard(new io.tensorgrade.grader.result.LeaderboardEntry(
                board.name(), io.tensorgrade.grader.result.Points.round(stats.accuracy()), board.order()));
    }

    /** Full credit at the threshold, linear from {@code partial_credit_from} up to it, zero below. */
    double credit(double accuracy) {
        AccuracySettings s = settings;
        if (accuracy >= s.threshold()) {
            return 1;
        }
        if (s.partialFrom() >= s.threshold() || accuracy < s.partialFrom()) {
            return 0;
        }
        return (accuracy - s.partialFrom()) / (s.threshold() - s.partialFrom());
    }

    private String feedback(AccuracyStats stats, int[] labels, int n, double seconds, String kernel,
                            List<String> notes) {
        AccuracySettings s = settings;
        double acc = stats.accuracy();
        double[] ci = stats.wilson();
        double credit = credit(acc);
        String outcome = credit >= 1 ? "at or above the threshold " + AccuracyStats.percent(s.threshold(), 1)
                + ": full credit"
                : credit > 0 ? "below the threshold " + AccuracyStats.percent(s.threshold(), 1) + ": "
                + AccuracyStats.percent(credit, 0) + " of the points (linear from "
                + AccuracyStats.percent(s.partialFrom(), 1) + ")"
                : "below the threshold " + AccuracyStats.percent(s.threshold(), 1) + (s.partialFrom() < s.threshold()
                ? " and below " + AccuracyStats.percent(s.partialFrom(), 1) + ", where partial credit starts" : "")
                + ": no credit";
        StringBuilder sb = new StringBuilder();
        sb.append("Accuracy ").append(AccuracyStats.percent(acc, 2)).append(" (").append(stats.correct()).append(" of ")
                .append(n).append(" images of ").append(s.dataset().describe()).append("), ")
                .append(outcome).append(". 95% Wilson interval: [").append(AccuracyStats.percent(ci[0], 1))
                .append(", ").append(AccuracyStats.percent(ci[1], 1)).append("].");
        if (ci[0] < s.threshold() && s.threshold() < ci[1]) {
            sb.append(" The threshold lies inside the interval: on other images of the same kind the model could"
                    + " land on either side of it.");
        }
        if (stats.invalid() > 0) {
            sb.append("\n\n").append(stats.invalid()).append(" images gave outputs that are not finite (NaN or"
                    + " infinite weights?) and count as wrong.");
        }
        sb.append("\n\nPer class: ").append(stats.perClass(s.dataset().format().classes, labels)).append('.');
        sb.append("\n\nConfusion matrix (rows: true class, columns: predicted class):\n```\n")
                .append(stats.confusionTable(s.dataset().format().classes)).append("\n```");
        sb.append("\n\n").append(String.join(" ", notes)).append(String.format(java.util.Locale.ROOT,
                " Inference on %d images took %.2f s (%s).", n, seconds, kernel));
        return sb.toString();
    }

    /** The argmax of each image's outputs; -1 when they are not all finite (so it counts as wrong). */
    private static int[] predictions(float[] logits, int outputs) {
        int[] arg = InferenceModel.argmax(logits, outputs);
        for (int i = 0; i < arg.length; i++) {
            for (int j = 0; j < outputs; j++) {
                if (!Float.isFinite(logits[i * outputs + j])) {
                    arg[i] = -1;
                    break;
                }
            }
        }
        return arg;
    }

    private InferenceModel compileOrNull(NetworkSpec spec, Map<String, Tensor> tensors, Map<Integer, String> prefixes) {
        try {
            return InferenceModel.compile(spec, tensors, WeightNaming.explicit(prefixes), settings.inference());
        } catch (RefException e) {
            return null;
        }
    }

    private WeightNaming naming() {
        if (settings.keyMap().isEmpty()) {
            return WeightNaming.inOrder();
        }
        Map<Integer, String> byLayer = new LinkedHashMap<>();
        settings.keyMap().forEach((prefix, layer) -> byLayer.put(layer, prefix));
        return WeightNaming.explicit(byLayer);
    }

    private Path findCheckpoint(CheckContext context) {
        for (String name : settings.checkpoints()) {
            Path p;
            try {
                p = context.submission().file(name);
            } catch (GraderException e) {
                continue;
            }
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String keyHint(StateDictNames.Stripped stripped) {
        return stripped.removed().isEmpty() ? "" : "\n  (the prefix '" + stripped.removed() + "' was removed from"
                + " every key first)";
    }

    private String saveHint() {
        return "Save the weights with torch.save(model.state_dict(), '" + settings.checkpoints().get(0) + "').";
    }

    /** The reader's message with the absolute path replaced by the name in the submission. */
    private static String relative(String message, Path file, String shown) {
        String m = message == null ? "unknown problem" : message.replace(file.toString(), shown);
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    /** Placeholder weights compiled at rubric load; throws when inference does not support the network. */
    static void checkSupported(NetworkSpec spec) {
        Map<String, Tensor> zeros = StateDictNames.placeholder(spec);
        Map<Integer, String> prefixes = new LinkedHashMap<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            if (StateDictNames.hasWeights(spec.layers().get(i))) {
                prefixes.put(i + 1, "layer" + (i + 1));
            }
        }
        InferenceModel.compile(spec, zeros, WeightNaming.explicit(prefixes));
    }
}
