package io.tensorgrade.grader.check.tensor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.AnswerParser;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckKind;
import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.check.Value;
import io.tensorgrade.grader.refrun.OpCaseRunner;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Comparison;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * {@code check: conv_kernel}: the answer is the weight of a convolution that implements a given map
 * ({@code target}: a reference op such as avg_pool2d, or a convolution with a known kernel). Graded by
 * applying it to random images of shape {@code input}; built-in mistakes in {@link KernelTransforms} and
 * {@code not_normalised}. See docs/rubric-format.md.
 */
public final class ConvKernelKind implements CheckKind {

    /** Answers rounded to 3 decimals (0.111 for 1/9) pass on images with values in [0, 1). */
    static final Tolerance DEFAULT_TOLERANCE = new Tolerance(1e-3, 1e-3);
    static final int IMAGES = 3;
    private static final long DEFAULT_SEED = 5242L;
    private static final List<String> CONV_KEYS = List.of("stride", "padding", "groups");
    private static final List<String> ENTRY_KEYS = List.of("name", "target", "stride", "padding", "groups", "credit",
            "explanation");
    private static final List<String> TARGET_KEYS = List.of("op", "params", "kernel", "stride", "padding", "groups");

    @Override
    public String name() {
        return "conv_kernel";
    }

    @Override
    public String description() {
        return "the weights of a convolution that implements a given map, checked on random images";
    }

    @Override
    public List<String> builtInMistakes() {
        return KernelTransforms.IDS;
    }

    @Override
    public Set<String> keys() {
        return Set.of("target", "input", "stride", "padding", "groups", "weight_shape", "tolerance", "seed", "accept",
                "mistakes");
    }

    @Override
    public Check create(ConfigReader config) {
        Value.Shape input = config.value("input", AnswerParser::shape);
        if (input != null && (input.rank() != 3 || input.dims().contains(0) || input.dims().stream()
                .mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b) > 1_000_000)) {
            config.error("input", "expected the shape of one image [C, H, W] with sizes >= 1, found " + input.display());
            input = null;
        }
        Tolerance tolerance = config.tolerance(DEFAULT_TOLERANCE);
        long seed = config.integer("seed", DEFAULT_SEED);
        ObjectNode conv = JsonNodeFactory.instance.objectNode();
        for (String key : CONV_KEYS) {
            if (config.has(key)) {
                conv.set(key, OpCallReader.json(config.node(key)));
            }
        }
        int[] weightShape = weightShape(config);
        if (input == null || !config.ok()) {
            return null;
        }
        Tensor images = images(input, seed);
        if (!convParamsRun(config, conv, images)) {
            return null;
        }
        Optional<ConfigReader> targetConfig = config.map("target", TARGET_KEYS);
        if (targetConfig.isEmpty()) {
            if (!config.has("target")) {
                config.error("target", "missing required field 'target' ({op: avg_pool2d, params: {...}} or"
                        + " {kernel: [...], stride: 1, padding: 0})");
            }
            return null;
        }
        Optional<KernelTarget> target = target(targetConfig.get(), images.dim(1));
        if (target.isEmpty() || !config.ok()) {
            return null;
        }
        Tensor expected;
        try {
            expected = target.get().apply(images);
        } catch (GraderException | RefException e) {
            OpCallReader.report(targetConfig.get(), new GraderException(e.getMessage(), e), "op");
            return null;
        }
        if (expected.rank() != 4) {
            config.error("target", "the map gives a " + TensorText.shape(expected) + " output, not images [N, C, H, W]");
            return null;
        }
        List<KernelCandidate> accepted = candidates(config, "accept", images, conv, target.get(), expected, tolerance);
        List<KernelCandidate> mistakes = candidates(config, "mistakes", images, conv, target.get(), expected,
                tolerance);
        if (!config.ok()) {
            return null;
        }
        String targetText = target.get().describe();
        String convText = KernelTarget.call("conv2d", "x, w", conv);
        String value = target.get().kernel().map(k -> "w = " + TensorText.format(k) + " (" + TensorText.shape(k)
                + ") in " + convText).orElse("a kernel w for which " + convText + " equals " + targetText);
        String derivation = "applied with conv2d to " + IMAGES + " random images of shape " + input.display()
                + " (seed " + seed + ") and compared with " + targetText;
        return new ConvKernelCheck(images, expected, targetText, conv, weightShape, tolerance,
                new Expected(value, derivation), accepted, mistakes);
    }

    /**
     * The {@code accept} or {@code mistakes} entries: {@code {name, target, stride, padding, groups, credit,
     * explanation}}, each giving what differs from the part (another map, other conv settings for the
     * student's kernel), computed now on the images. An entry that changes nothing is an error.
     */
    private static List<KernelCandidate> candidates(ConfigReader config, String key, Tensor images, ObjectNode conv,
                                                    KernelTarget main, Tensor expected, Tolerance tolerance) {
        boolean accept = key.equals("accept");
        List<KernelCandidate> out = new ArrayList<>();
        for (ConfigReader item : config.items(key, ENTRY_KEYS)) {
            String name = item.string("name");
            double credit = item.fraction("credit", accept ? 1.0 : 0.0);
            if (accept && credit == 0) {
                item.error("credit", "an accepted answer needs a credit above 0 (list answers worth nothing under"
                        + " 'mistakes')");
            } else if (!accept && credit == 1) {
                item.error("credit", "a mistake worth full credit is an accepted answer; move it to 'accept'");
            }
            String explanation = item.string("explanation", "");
            if (!item.has("target") && CONV_KEYS.stream().noneMatch(item::has)) {
                item.error("target", "give what differs from the part: target, stride, padding or groups");
                continue;
            }
            ObjectNode entryConv = conv.deepCopy();
            CONV_KEYS.stream().filter(item::has).forEach(k -> entryConv.set(k, OpCallReader.json(item.node(k))));
            KernelTarget t = main;
            if (item.has("target")) {
                Optional<KernelTarget> parsed = item.map("target", TARGET_KEYS).flatMap(r -> target(r, images.dim(1)));
                if (parsed.isEmpty()) {
                    continue;
                }
                t = parsed.get();
            }
            if (!convParamsRun(item, entryConv, images)) {
                continue;
            }
            Tensor output;
            try {
                output = t.apply(images);
            } catch (GraderException | RefException e) {
                item.error("target", OpCallReader.uncapitalize(e.getMessage()));
                continue;
            }
            boolean sameConv = entryConv.equals(conv);
            if (sameConv && output.sameShape(expected)
                    && Comparison.of(expected, output, tolerance.abs(), tolerance.rel()).matches()) {
                item.error(item.has("target") ? "target" : "stride", "this entry gives the part's own map with the"
                        + " part's conv settings, so it never applies");
                continue;
            }
            if (item.ok()) {
                out.add(new KernelCandidate(name, output, entryConv, credit, explanation, t.describe()
                        + (sameConv ? "" : " with " + KernelTarget.call("conv2d", "x, w", entryConv))));
            }
        }
        return out;
    }

    /** {@code IMAGES} images with values uniform in [0, 1), like pixels; the same for the same seed. */
    static Tensor images(Value.Shape input, long seed) {
        int[] shape = {IMAGES, input.dims().get(0), input.dims().get(1), input.dims().get(2)};
        Random random = new Random(seed);
        double[] data = new double[shape[0] * shape[1] * shape[2] * shape[3]];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextDouble();
        }
        return Tensor.wrap(data, shape);
    }

    private static int[] weightShape(ConfigReader config) {
        Value.Shape s = config.value("weight_shape", AnswerParser::shape, null);
        if (s == null) {
            return null;
        }
        if (s.rank() != 4 || s.dims().contains(0)) {
            config.error("weight_shape", "expected [out_channels, in_channels/groups, kh, kw], found " + s.display());
            return null;
        }
        return s.dims().stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Runs conv2d once with the part's stride, padding and groups and a 1x1 kernel, so that a bad value is a
     * rubric error now rather than a grading error later.
     */
    private static boolean convParamsRun(ConfigReader config, ObjectNode conv, Tensor images) {
        int channels = images.dim(1);
        int groups = conv.has("groups") && conv.get("groups").canConvertToInt() ? conv.get("groups").intValue() : 1;
        if (groups < 1 || channels % groups != 0) {
            config.error("groups", "groups=" + conv.get("groups") + " must divide the input's " + channels
                    + " channels");
            return false;
        }
        try {
            OpCaseRunner.run(io.tensorgrade.grader.refrun.OpCase.of("conv2d", conv,
                    java.util.Map.of("x", images, "weight", Tensor.full(1, groups, channels / groups, 1, 1))));
            return true;
        } catch (GraderException | RefException e) {
            String msg = e.getMessage();
            int colon = msg.indexOf(": ");
            if (msg.startsWith("params.") && colon > 0 && config.has(msg.substring(7, colon))) {
                config.error(msg.substring(7, colon), msg.substring(colon + 2));
            } else {
                config.error("stride", OpCallReader.uncapitalize(msg));
            }
            return false;
        }
    }

    /** The {@code target}: {op, params} or {kernel, stride, padding, groups}. */
    private static Optional<KernelTarget> target(ConfigReader r, int channels) {
        if (r.has("op") == r.has("kernel")) {
            r.error(r.has("op") ? "kernel" : "op", "give either op (with params) or kernel (with stride, padding,"
                    + " groups), not " + (r.has("op") ? "both" : "neither"));
            return Optional.empty();
        }
        if (r.has("op")) {
            for (String key : List.of("stride", "padding", "groups")) {
                if (r.has(key)) {
                    r.error(key, "'" + key + "' belongs under params for an op target");
                }
            }
            String op = r.choice("op", OpCaseRunner.knownOps(), null);
            if (op.isEmpty()) {
                return Optional.empty();
            }
            OpCaseRunner.Signature signature = OpCaseRunner.signature(op).orElseThrow();
            if (!signature.required().equals(List.of("x"))) {
                r.error("op", op + " needs " + String.join(", ", signature.required()) + "; a target op takes only"
                        + " the image x (for a convolution give target: {kernel: ...})");
                return Optional.empty();
            }
            ObjectNode params = OpCallReader.params(r, signature);
            return params == null ? Optional.empty() : Optional.of(KernelTarget.op(op, params));
        }
        if (r.has("params")) {
            r.error("params", "a kernel target takes stride, padding and groups directly, not params");
            return Optional.empty();
        }
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        for (String key : CONV_KEYS) {
            if (r.has(key)) {
                params.set(key, OpCallReader.json(r.node(key)));
            }
        }
        Tensor kernel;
        try {
            kernel = TensorAnswer.parse(r.node("kernel"));
        } catch (AnswerFormatException e) {
            r.error("kernel", OpCallReader.uncapitalize(e.getMessage()));
            return Optional.empty();
        }
        int groups = params.has("groups") && params.get("groups").canConvertToInt() ? params.get("groups").intValue() : 1;
        Tensor weight = groups > 0 && channels % groups == 0 ? KernelShape.complete(kernel, channels / groups, null)
                : null;
        if (weight == null) {
            r.error("kernel", "a " + TensorText.shape(kernel) + " kernel cannot be read as conv2d's weight for a "
                    + channels + "-channel input; write all four dimensions [out, in/groups, kh, kw]");
            return Optional.empty();
        }
        return Optional.of(KernelTarget.conv(weight, params));
    }
}
