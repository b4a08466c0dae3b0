package io.tensorgrade.grader.refrun;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.io.Npy;
import io.tensorgrade.ref.ops.AdaptiveAvgPool2d;
import io.tensorgrade.ref.ops.AvgPool2d;
import io.tensorgrade.ref.ops.AvgPool2dParams;
import io.tensorgrade.ref.ops.BatchNorm2d;
import io.tensorgrade.ref.ops.BatchNormGrads;
import io.tensorgrade.ref.ops.BatchNormResult;
import io.tensorgrade.ref.ops.Conv2d;
import io.tensorgrade.ref.ops.Conv2dParams;
import io.tensorgrade.ref.ops.ConvGrads;
import io.tensorgrade.ref.ops.CrossEntropy;
import io.tensorgrade.ref.ops.Linear;
import io.tensorgrade.ref.ops.LinearGrads;
import io.tensorgrade.ref.ops.LogSoftmax;
import io.tensorgrade.ref.ops.MaxPool2d;
import io.tensorgrade.ref.ops.MaxPool2dParams;
import io.tensorgrade.ref.ops.MseLoss;
import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.ops.Reduction;
import io.tensorgrade.ref.ops.Relu;
import io.tensorgrade.ref.ops.Sigmoid;
import io.tensorgrade.ref.ops.Softmax;
import io.tensorgrade.ref.ops.Tanh;
import io.tensorgrade.ref.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Runs an op case folder through the reference implementation: reads {@code case.json} and the inputs,
 * calls the op (forward, and backward when there is a {@code grad_out} or the op is a loss) and returns
 * the outputs by name ({@code out}, {@code grad_x}, ...), as {@code make_conformance_cases.py} names them.
 * Params are the keyword arguments of {@code torch.nn.functional.NAME}, with PyTorch's defaults.
 */
public final class OpCaseRunner {
    private static final List<String> REDUCTIONS = List.of("mean", "sum", "none");
    private static final Map<String, OpSpec> OPS = new LinkedHashMap<>();
    /** Ops on NCHW images, whose required inputs (x, weight) and grad_out are 4-D. */
    private static final Set<String> IMAGE_OPS = Set.of("conv2d", "max_pool2d", "avg_pool2d",
            "adaptive_avg_pool2d", "batch_norm2d");

    private record OpSpec(List<String> required, List<String> optional, List<String> params,
                          Function<OpCase, Map<String, Tensor>> run) {
    }

    /**
     * What an op takes and gives, for callers that check names before running it (rubrics).
     *
     * @param required inputs that must be given
     * @param optional inputs that may be given ({@code grad_out} adds the gradients to the outputs)
     * @param params   the params it knows
     * @param images   the inputs that are NCHW images or OIHW kernels, i.e. 4-D
     */
    public record Signature(List<String> required, List<String> optional, List<String> params, List<String> images) {
        public Signature {
            required = List.copyOf(required);
            optional = List.copyOf(optional);
            params = List.copyOf(params);
            images = List.copyOf(images);
        }

        /** Required then optional inputs. */
        public List<String> inputs() {
            List<String> all = new ArrayList<>(required);
            all.addAll(optional);
            return List.copyOf(all);
        }
    }

    static {
        List<String> xGrad = List.of("grad_out");
        OPS.put("conv2d", new OpSpec(List.of("x", "weight"), List.of("bias", "grad_out"),
                List.of("stride", "padding", "dilation", "groups"), OpCaseRunner::conv2d));
        OPS.put("max_pool2d", new OpSpec(List.of("x"), xGrad,
                List.of("kernel_size", "stride", "padding", "dilation", "ceil_mode", "pad_with_zeros"),
                OpCaseRunner::maxPool2d));
        OPS.put("avg_pool2d", new OpSpec(List.of("x"), xGrad, List.of("kernel_size", "stride", "padding", "ceil_mode",
                "count_include_pad", "divisor_override"), OpCaseRunner::avgPool2d));
        OPS.put("adaptive_avg_pool2d", new OpSpec(List.of("x"), xGrad, List.of("output_size"),
                OpCaseRunner::adaptiveAvgPool2d));
        OPS.put("batch_norm2d", new OpSpec(List.of("x"),
                List.of("gamma", "beta", "running_mean", "running_var", "grad_out"),
                List.of("eps", "momentum", "training", "unbiased_variance"), OpCaseRunner::batchNorm2d));
        OPS.put("linear", new OpSpec(List.of("x", "weight"), List.of("bias", "grad_out"), List.of(),
                OpCaseRunner::linear));
        OPS.put("cross_entropy", new OpSpec(List.of("logits", "target"), List.of(), List.of("reduction"),
                OpCaseRunner::crossEntropy));
        OPS.put("mse_loss", new OpSpec(List.of("input", "target"), List.of(), List.of("reduction"),
                OpCaseRunner::mseLoss));
        OPS.put("relu", elementwise(Relu::forward, Relu::backward));
        OPS.put("sigmoid", elementwise(Sigmoid::forward, Sigmoid::backward));
        OPS.put("tanh", elementwise(Tanh::forward, Tanh::backward));
        OPS.put("softmax", new OpSpec(List.of("x"), xGrad, List.of("dim"),
                c -> alongDim(c, Softmax::forward, Softmax::backward)));
        OPS.put("log_softmax", new OpSpec(List.of("x"), xGrad, List.of("dim"),
                c -> alongDim(c, LogSoftmax::forward, LogSoftmax::backward)));
    }

    private OpCaseRunner() {
    }

    /** The op names a case may use, in a stable order. */
    public static Set<String> knownOps() {
        return Collections.unmodifiableSet(OPS.keySet());
    }

    /** What {@code op} takes and gives; empty for an unknown op. */
    public static Optional<Signature> signature(String op) {
        OpSpec spec = OPS.get(op);
        if (spec == null) {
            return Optional.empty();
        }
        List<String> images = IMAGE_OPS.contains(op) ? spec.required() : List.of();
        List<String> withGrad = new ArrayList<>(images);
        if (!images.isEmpty() && spec.optional().contains("grad_out")) {
            withGrad.add("grad_out");
        }
        return Optional.of(new Signature(spec.required(), spec.optional(), spec.params(), withGrad));
    }

    /** Runs the case in {@code caseDir} and returns its outputs by name, in a stable order. */
    public static Map<String, Tensor> run(Path caseDir) {
        return run(OpCase.load(caseDir));
    }

    /**
     * Runs one op call (a case folder or one given in memory) and returns its outputs by name, in a stable
     * order. Every failure is a {@link GraderException} naming the file or field at fault; the op's own
     * refusals ({@code conv2d: groups=3 does not divide in_channels=4}) are prefixed with the case folder.
     */
    public static Map<String, Tensor> run(OpCase c) {
        OpSpec spec = OPS.get(c.op());
        Path caseDir = c.dir();
        if (spec == null) {
            throw new GraderException((caseDir == null ? "" : caseDir.resolve("case.json") + ": ") + "op: unknown op \""
                    + c.op() + "\"; known: " + String.join(", ", OPS.keySet()));
        }
        c.checkNames(spec.required(), spec.optional(), spec.params());
        try {
            return Collections.unmodifiableMap(spec.run().apply(c));
        } catch (RefException e) {
            // Npy messages already start with the file; op messages start with the op name.
            String msg = e.getMessage();
            if (caseDir == null) {
                throw new GraderException(msg, e);
            }
            throw new GraderException(msg.startsWith(caseDir.toString()) ? msg : caseDir + ": " + msg, e);
        }
    }

    /** Writes each output as float64 {@code NAME.npy} in {@code outDir} (atomically) and returns the files. */
    public static List<Path> write(Map<String, Tensor> outputs, Path outDir) {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : outputs.entrySet()) {
            Path file = outDir.resolve(e.getKey() + ".npy");
            Npy.write(file, e.getValue());
            written.add(file);
        }
        return written;
    }

    // ---- one method per op ----

    private static Map<String, Tensor> conv2d(OpCase c) {
        Conv2dParams p = new Conv2dParams(c.pair("stride", Pair.of(1)), c.pair("padding", Pair.of(0)),
                c.pair("dilation", Pair.of(1)), c.integer("groups", 1));
        Tensor x = c.tensor("x");
        Tensor weight = c.tensor("weight");
        Tensor bias = c.tensor("bias");
        Map<String, Tensor> out = outputs("out", Conv2d.forward(x, weight, bias, p));
        Tensor gradOut = c.tensor("grad_out");
        if (gradOut != null) {
            ConvGrads g = Conv2d.backward(x, weight, bias != null, gradOut, p);
            out.put("grad_x", g.gradX());
            out.put("grad_weight", g.gradWeight());
            putIfPresent(out, "grad_bias", g.gradBias());
        }
        return out;
    }

    private static Map<String, Tensor> maxPool2d(OpCase c) {
        Pair kernel = c.pair("kernel_size");
        MaxPool2dParams p = new MaxPool2dParams(kernel, c.pair("stride", null), c.pair("padding", Pair.of(0)),
                c.pair("dilation", Pair.of(1)), c.bool("ceil_mode", false));
        if (c.bool("pad_with_zeros", false)) {
            // A mistake variant (rubric `mistakes:`), not a PyTorch param: padding with 0 instead of -inf.
            return withGradX(c, x -> MistakeVariants.maxPoolZeroPadded(x, p),
                    (x, g) -> MistakeVariants.maxPoolZeroPaddedBackward(x, g, p));
        }
        return withGradX(c, x -> MaxPool2d.forward(x, p), (x, g) -> MaxPool2d.backward(x, g, p));
    }

    private static Map<String, Tensor> avgPool2d(OpCase c) {
        AvgPool2dParams p = new AvgPool2dParams(c.pair("kernel_size"), c.pair("stride", null),
                c.pair("padding", Pair.of(0)), c.bool("ceil_mode", false), c.bool("count_include_pad", true),
                c.integerOrNull("divisor_override"));
        return withGradX(c, x -> AvgPool2d.forward(x, p), (x, g) -> AvgPool2d.backward(x, g, p));
    }

    private static Map<String, Tensor> adaptiveAvgPool2d(OpCase c) {
        Pair size = c.pair("output_size");
        return withGradX(c, x -> AdaptiveAvgPool2d.forward(x, size), (x, g) -> AdaptiveAvgPool2d.backward(x, g, size));
    }

    private static Map<String, Tensor> batchNorm2d(OpCase c) {
        // F.batch_norm's defaults; the running statistics default to a fresh nn.BatchNorm2d's.
        double eps = c.number("eps", 1e-5);
        double momentum = c.number("momentum", 0.1);
        boolean training = c.bool("training", false);
        Tensor x = c.tensor("x");
        Tensor gamma = c.tensor("gamma");
        int channels = x.rank() >= 2 ? x.dim(1) : 0;
        Tensor runningMean = c.has("running_mean") ? c.tensor("running_mean") : Tensor.zeros(channels);
        Tensor runningVar = c.has("running_var") ? c.tensor("running_var") : Tensor.full(1, channels);
        BatchNormResult r = BatchNorm2d.forward(x, gamma, c.tensor("beta"), runningMean, runningVar, training,
                momentum, eps);
        Map<String, Tensor> out = outputs("out", r.out());
        if (c.bool("unbiased_variance", false)) {
            // A mistake variant (rubric `mistakes:`): only `out` changes; gradients stay PyTorch's.
            if (!training) {
                throw new GraderException("batch_norm2d: unbiased_variance=true needs training=true (eval mode"
                        + " uses the running variance)");
            }
            out.put("out", MistakeVariants.batchNormUnbiased(x, gamma, c.tensor("beta"), eps));
        }
        Tensor gradOut = c.tensor("grad_out");
        if (gradOut != null) {
            BatchNormGrads g = BatchNorm2d.backward(x, gamma, runningMean, runningVar, gradOut, training, eps);
            out.put("grad_x", g.gradX());
            putIfPresent(out, "grad_gamma", gamma == null ? null : g.gradGamma());
            putIfPresent(out, "grad_beta", c.has("beta") ? g.gradBeta() : null);
        }
        out.put("running_mean", r.runningMean());
        out.put("running_var", r.runningVar());
        return out;
    }

    private static Map<String, Tensor> linear(OpCase c) {
        Tensor x = c.tensor("x");
        Tensor weight = c.tensor("weight");
        Tensor bias = c.tensor("bias");
        Map<String, Tensor> out = outputs("out", Linear.forward(x, weight, bias));
        Tensor gradOut = c.tensor("grad_out");
        if (gradOut != null) {
            LinearGrads g = Linear.backward(x, weight, bias != null, gradOut);
            out.put("grad_x", g.gradX());
            out.put("grad_weight", g.gradWeight());
            putIfPresent(out, "grad_bias", g.gradBias());
        }
        return out;
    }

    private static Map<String, Tensor> crossEntropy(OpCase c) {
        Reduction r = Reduction.parse(c.choice("reduction", "mean", REDUCTIONS));
        Tensor logits = c.tensor("logits");
        // PyTorch: target [N] for logits [N, C], a 0-d target for logits [C]; other ranks are the op's to reject.
        int[] targetShape = logits.rank() == 2 ? new int[] {logits.dim(0)} : logits.rank() == 1 ? new int[0] : null;
        long[] target = c.longs("target", targetShape);
        Map<String, Tensor> out = outputs("loss", CrossEntropy.forward(logits, target, r));
        out.put("grad_logits", CrossEntropy.backward(logits, target, r, null));
        return out;
    }

    private static Map<String, Tensor> mseLoss(OpCase c) {
        Reduction r = Reduction.parse(c.choice("reduction", "mean", REDUCTIONS));
        Tensor input = c.tensor("input");
        Tensor target = c.tensor("target");
        Map<String, Tensor> out = outputs("loss", MseLoss.forward(input, target, r));
        out.put("grad_input", MseLoss.backward(input, target, r, null));
        return out;
    }

    private static OpSpec elementwise(UnaryOperator<Tensor> forward, BinaryOperator<Tensor> backward) {
        return new OpSpec(List.of("x"), List.of("grad_out"), List.of(), c -> withGradX(c, forward, backward));
    }

    private interface DimForward {
        Tensor apply(Tensor x, int dim);
    }

    private interface DimBackward {
        Tensor apply(Tensor x, Tensor gradOut, int dim);
    }

    private static Map<String, Tensor> alongDim(OpCase c, DimForward forward, DimBackward backward) {
        int dim = c.integer("dim", null);
        return withGradX(c, x -> forward.apply(x, dim), (x, g) -> backward.apply(x, g, dim));
    }

    // ---- helpers ----

    /** {@code out}, and {@code grad_x} when the case has a {@code grad_out}. */
    private static Map<String, Tensor> withGradX(OpCase c, UnaryOperator<Tensor> forward,
                                                 BinaryOperator<Tensor> backward) {
        Tensor x = c.tensor("x");
        Map<String, Tensor> out = outputs("out", forward.apply(x));
        Tensor gradOut = c.tensor("grad_out");
        if (gradOut != null) {
            out.put("grad_x", backward.apply(x, gradOut));
        }
        return out;
    }

    private static Map<String, Tensor> outputs(String name, Tensor value) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(name, value);
        return out;
    }

    private static void putIfPresent(Map<String, Tensor> out, String name, Tensor value) {
        if (value != null) {
            out.put(name, value);
        }
    }
}
