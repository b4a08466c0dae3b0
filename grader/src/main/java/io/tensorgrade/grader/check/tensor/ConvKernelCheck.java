package io.tensorgrade.grader.check.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.check.AnswerFormatException;
import io.tensorgrade.grader.check.CatalogueEntry;
import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.check.CheckContext;
import io.tensorgrade.grader.check.Expected;
import io.tensorgrade.grader.check.Tolerance;
import io.tensorgrade.grader.refrun.OpCase;
import io.tensorgrade.grader.refrun.OpCaseRunner;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.grader.submission.Answer;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.tensor.Comparison;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Grades a kernel answer by applying it with conv2d to random images and comparing with the target map's
 * output. A wrong kernel is tried with the {@link KernelTransforms} and as a scalar multiple
 * ({@code not_normalised}); otherwise the feedback says how the output differs (shape, a shift, a value).
 * Immutable.
 */
final class ConvKernelCheck implements Check {
    static final List<String> ANSWER_KEYS = List.of("weight", "stride", "padding", "groups");

    private final Tensor images;
    private final Tensor target;
    private final String targetText;
    private final ObjectNode conv;
    private final int[] weightShape;
    private final Tolerance tolerance;
    private final Expected expected;
    private final List<KernelCandidate> accepted;
    private final List<KernelCandidate> mistakes;

    /**
     * @param images      the random test images, [N, C, H, W]
     * @param target      the map's output for them
     * @param conv        conv2d's params for the student's kernel (stride, padding, groups)
     * @param weightShape the rubric's {@code weight_shape} for answers with fewer dimensions, or null
     * @param accepted    the rubric's accepted maps, tried after the target
     * @param mistakes    the rubric's mistakes, tried before the built-in ones
     */
    ConvKernelCheck(Tensor images, Tensor target, String targetText, ObjectNode conv, int[] weightShape,
                    Tolerance tolerance, Expected expected, List<KernelCandidate> accepted,
                    List<KernelCandidate> mistakes) {
        this.accepted = List.copyOf(accepted);
        this.mistakes = List.copyOf(mistakes);
        this.images = Objects.requireNonNull(images, "images");
        this.target = Objects.requireNonNull(target, "target");
        this.targetText = targetText;
        this.conv = conv.deepCopy();
        this.weightShape = weightShape == null ? null : weightShape.clone();
        this.tolerance = tolerance;
        this.expected = expected;
    }

    @Override
    public Expected expected() {
        return expected;
    }

    @Override
    public String answerForm() {
        return "the weight of the convolution as a nested list [out_channels][in_channels][kh][kw] (here "
                + target.dim(1) + " out, " + images.dim(1) + " in), or {weight: ..., stride: S, padding: P, groups: G}"
                + " to set the convolution too";
    }

    @Override
    public Verdict grade(CheckContext context) {
        Answer answer = context.answer();
        ObjectNode params = conv.deepCopy();
        ObjectNode overrides = params.objectNode();
        Tensor weight = AnswerFormatException.read(answer, v -> read(v, params, overrides));
        String yours = "your kernel (" + TensorText.shape(weight) + ", " + settings(params) + ")";
        Object result = apply(weight, params);
        if (result instanceof Tensor out && same(out)) {
            return Verdict.pass("Correct: with " + yours + " conv2d reproduces " + targetText + " on " + images.dim(0)
                    + " random inputs of shape " + TensorText.shape(rest(images.shape())) + ".");
        }
        String want = " Expected a kernel for which conv2d gives " + targetText + ".";
        for (KernelCandidate a : accepted) {
            if (reproduces(weight, a, overrides)) {
                String why = a.explanation().isEmpty() ? "" : " (" + a.explanation() + ")";
                String credit = a.credit() >= 1 ? "Full credit." : "It earns " + TensorCheck.percent(a.credit())
                        + " of the points; the full answer reproduces " + targetText + ".";
                return Verdict.of(a.credit(), "With " + yours + " conv2d reproduces " + a.description()
                        + ", which is accepted as " + a.name() + why + ". " + credit, null);
            }
        }
        for (KernelCandidate m : mistakes) {
            if (reproduces(weight, m, overrides)) {
                String credit = m.credit() > 0 ? " Partial credit: " + TensorCheck.percent(m.credit())
                        + " of the points." : "";
                return Verdict.of(m.credit(), "With " + yours + " conv2d reproduces " + m.description()
                        + ", which is what you get when " + m.explanation() + "." + want + credit, m.name());
            }
        }
        for (KernelTransforms.Transform t : KernelTransforms.of(weight)) {
            if (apply(t.apply().apply(weight), params) instanceof Tensor fixed && same(fixed)) {
                return Verdict.of(0, "With " + yours + " conv2d does not reproduce the map, which is what you get"
                        + " when " + t.explanation() + "." + want, t.name());
            }
        }
        if (result instanceof Tensor out && out.sameShape(target)) {
            double c = scale(out);
            if (Double.isFinite(c) && c != 0 && same(scaled(out, c))) {
                return Verdict.of(0, "With " + yours + " conv2d gives " + TensorText.number(1 / c) + " times the map,"
                        + " which is what you get when " + KernelTransforms.NOT_NORMALISED + "." + want,
                        "not_normalised");
            }
        }
        return Verdict.fail(difference(yours, result) + want);
    }

    /**
     * The weight (completed to 4-D) and, from an answer map, stride/padding/groups into {@code params} and
     * {@code overrides} (only what the answer sets).
     */
    private Tensor read(YamlNode node, ObjectNode params, ObjectNode overrides) {
        YamlNode weightNode = node;
        if (node instanceof YamlMap m) {
            for (String key : m.keys()) {
                if (!ANSWER_KEYS.contains(key)) {
                    throw new AnswerFormatException("Unknown key '" + key + "' in the kernel; allowed: "
                            + String.join(", ", ANSWER_KEYS) + ".");
                }
            }
            if (!m.has("weight")) {
                throw new AnswerFormatException("The kernel needs 'weight' (the nested list of weights).");
            }
            weightNode = m.get("weight");
            for (String key : List.of("stride", "padding", "groups")) {
                if (m.has(key)) {
                    params.set(key, OpCallReader.json(m.get(key)));
                    overrides.set(key, OpCallReader.json(m.get(key)));
                }
            }
        }
        Tensor raw = TensorAnswer.parse(weightNode);
        if (weightShape != null && raw.rank() < 4 && raw.size() != java.util.Arrays.stream(weightShape)
                .reduce(1, (a, b) -> a * b)) {
            throw new AnswerFormatException("The kernel has " + raw.size() + " values; this question's weight has"
                    + " shape " + java.util.Arrays.toString(weightShape) + " (" + java.util.Arrays.stream(weightShape)
                    .reduce(1, (a, b) -> a * b) + " values).");
        }
        JsonNode g = params.get("groups");
        int groups = g != null && g.canConvertToInt() && g.intValue() > 0 ? g.intValue() : 1;
        int channels = images.dim(1);
        int inPerGroup = channels % groups == 0 ? channels / groups : channels;
        Tensor weight = KernelShape.complete(raw, inPerGroup, weightShape);
        if (weight == null) {
            throw new AnswerFormatException("A " + TensorText.shape(raw) + " kernel cannot be read as conv2d's weight"
                    + " here: it needs " + KernelShape.needed(target.dim(1), inPerGroup) + " (out_channels,"
                    + " in_channels/groups, kh, kw); write all four dimensions.");
        }
        return weight;
    }

    /** Whether the kernel, under the entry's conv settings and the answer's own, gives the entry's map. */
    private boolean reproduces(Tensor weight, KernelCandidate c, ObjectNode overrides) {
        ObjectNode params = c.conv();
        params.setAll(overrides);
        return apply(weight, params) instanceof Tensor out && out.sameShape(c.output())
                && Comparison.of(c.output(), out, tolerance.abs(), tolerance.rel()).matches();
    }

    @Override
    public List<CatalogueEntry> catalogue() {
        List<CatalogueEntry> out = new java.util.ArrayList<>();
        accepted.forEach(a -> out.add(CatalogueEntry.accepted(a.name(), "a kernel reproducing " + a.description(),
                a.credit(), a.explanation())));
        mistakes.forEach(m -> out.add(CatalogueEntry.mistake(m.name(), "a kernel reproducing " + m.description(),
                m.credit(), m.explanation())));
        KernelTransforms.explanations().forEach((name, why) -> out.add(CatalogueEntry.mistake(name, "", 0, why)));
        return out;
    }

    /** conv2d's output, or the reason it refused (a String). */
    private Object apply(Tensor weight, ObjectNode params) {
        try {
            return OpCaseRunner.run(OpCase.of("conv2d", params.deepCopy(), Map.of("x", images, "weight", weight)))
                    .get("out");
        } catch (GraderException | RefException e) {
            return e.getMessage();
        }
    }

    private boolean same(Tensor out) {
        return out.sameShape(target) && Comparison.of(target, out, tolerance.abs(), tolerance.rel()).matches();
    }

    /** The least-squares factor c with c * out closest to the target. */
    private double scale(Tensor out) {
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < out.size(); i++) {
            dot += out.rawData()[i] * target.rawData()[i];
            norm += out.rawData()[i] * out.rawData()[i];
        }
        return dot / norm;
    }

    private static Tensor scaled(Tensor t, double c) {
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] *= c;
        }
        return Tensor.wrap(d, t.shape());
    }

    private String difference(String yours, Object result) {
        String input = TensorText.shape(rest(images.shape()));
        if (result instanceof String refusal) {
            return "With " + yours + " conv2d cannot run on a " + input + " input: " + refusal + ".";
        }
        Tensor out = (Tensor) result;
        if (!out.sameShape(target)) {
            String shapes = "With " + yours + " conv2d gives a " + TensorText.shape(rest(out.shape()))
                    + " output for a " + input + " input; the map gives " + TensorText.shape(rest(target.shape())) + ".";
            return shapes + OutputShift.describe(target, out, tolerance);
        }
        Comparison c = Comparison.of(target, out, tolerance.abs(), tolerance.rel());
        int[] at = c.firstBadIndex();
        return "With " + yours + " conv2d's output differs from the map's in " + c.mismatches() + " of " + out.size()
                + " values (random inputs); first at image " + (at[0] + 1) + ", channel " + (at[1] + 1) + ", row "
                + (at[2] + 1) + ", column " + (at[3] + 1) + ": expected " + TensorText.number(c.expectedValue())
                + ", got " + TensorText.number(c.actualValue()) + ".";
    }

    /** {@code stride 1, padding 0}, plus groups when not 1: PyTorch's defaults where the answer sets nothing. */
    private static String settings(ObjectNode params) {
        String text = "stride " + param(params, "stride", "1") + ", padding " + param(params, "padding", "0");
        String groups = param(params, "groups", "1");
        return groups.equals("1") ? text : text + ", groups " + groups;
    }

    private static String param(ObjectNode params, String name, String dflt) {
        JsonNode n = params.get(name);
        return n == null || n.isNull() ? dflt : n.isValueNode() ? n.asText() : n.toString();
    }

    private static int[] rest(int[] shape) {
        return java.util.Arrays.copyOfRange(shape, 1, shape.length);
    }
}
