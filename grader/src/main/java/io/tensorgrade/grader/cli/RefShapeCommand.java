package io.tensorgrade.grader.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.shape.Chw;
import io.tensorgrade.ref.shape.DimSize;
import io.tensorgrade.ref.shape.LayerShape;
import io.tensorgrade.ref.shape.OutputSize;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code tensorgrade ref shape}: the output shape of one layer, with the derivation of every dimension. */
@Command(name = "shape",
        mixinStandardHelpOptions = true,
        description = "Output shape of conv2d, max_pool2d or avg_pool2d (PyTorch rules), derived per dimension.")
final class RefShapeCommand implements Callable<Integer> {
    private static final List<String> OPS = List.of("conv2d", "max_pool2d", "avg_pool2d");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OP", description = "conv2d, max_pool2d or avg_pool2d")
    String op;

    @Option(names = "--input", required = true, paramLabel = "C,H,W", description = "Shape of one input sample.")
    String input;

    @Option(names = "--kernel", required = true, paramLabel = "K[,KW]", description = "Kernel size: K or KH,KW.")
    String kernel;

    @Option(names = "--out-channels", paramLabel = "N",
            description = "conv2d only: output channels (default: the input's channel count).")
    Integer outChannels;

    @Option(names = "--stride", paramLabel = "S[,SW]",
            description = "Stride (default: 1 for conv2d, the kernel size for pools, as in PyTorch).")
    String stride;

    @Option(names = "--padding", paramLabel = "P[,PW]", defaultValue = "0", description = "Zero padding per side.")
    String padding;

    @Option(names = "--dilation", paramLabel = "D[,DW]", defaultValue = "1",
            description = "Dilation (conv2d, max_pool2d).")
    String dilation;

    @Option(names = "--groups", paramLabel = "G", defaultValue = "1", description = "conv2d only: groups.")
    int groups;

    @Option(names = "--ceil-mode", description = "Pools only: ceil instead of floor.")
    boolean ceilMode;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!OPS.contains(op)) {
            throw new UsageException("unknown op '" + op + "'" + io.tensorgrade.grader.yaml.DidYouMean.hint(op, OPS)
                    + "; known: " + String.join(", ", OPS));
        }
        boolean conv = op.equals("conv2d");
        if (conv && ceilMode) {
            throw new UsageException("--ceil-mode applies to max_pool2d and avg_pool2d, not conv2d");
        }
        if (!conv && (outChannels != null || groups != 1)) {
            throw new UsageException("--out-channels and --groups apply to conv2d, not " + op);
        }
        Chw in;
        Pair k;
        Pair s;
        Pair p;
        Pair d;
        try {
            in = Chw.parse(input);
            k = pair(kernel, "--kernel");
            s = stride == null ? (conv ? Pair.of(1) : k) : pair(stride, "--stride");
            p = pair(padding, "--padding");
            d = pair(dilation, "--dilation");
        } catch (RefException e) {
            throw new UsageException(e.getMessage());
        }
        if (op.equals("avg_pool2d") && !d.equals(Pair.of(1))) {
            throw new UsageException("avg_pool2d has no --dilation");
        }
        int channels = outChannels == null ? in.c() : outChannels;
        LayerShape shape = switch (op) {
            case "conv2d" -> OutputSize.conv2d(in, channels, k, s, p, d, groups);
            case "max_pool2d" -> OutputSize.maxPool2d(in, k, s, p, d, ceilMode);
            default -> OutputSize.avgPool2d(in, k, s, p, ceilMode);
        };
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(shape)));
        } else {
            out.println(shape.op() + ": input " + shape.input() + " -> output " + shape.output());
            out.println(shape.derivation());
            if (conv && outChannels == null) {
                out.println("(--out-channels not given: the input's " + in.c() + " channels are assumed)");
            }
        }
        out.flush();
        return Main.OK;
    }

    private static ObjectNode toJson(LayerShape shape) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("op", shape.op());
        root.putArray("input").add(shape.input().c()).add(shape.input().h()).add(shape.input().w());
        root.putArray("output").add(shape.output().c()).add(shape.output().h()).add(shape.output().w());
        root.put("channels", shape.channels());
        root.set("height", dim(mapper, shape.height()));
        root.set("width", dim(mapper, shape.width()));
        return root;
    }

    private static ObjectNode dim(ObjectMapper mapper, DimSize size) {
        return mapper.createObjectNode().put("output", size.output()).put("derivation", size.derivation());
    }

    /** {@code K} or {@code KH,KW}; values are checked by the shape calculator, which names the argument. */
    private static Pair pair(String text, String option) {
        String[] parts = text.strip().split("\\s*,\\s*");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new RefException(option + " '" + text + "' must be an integer or two integers H,W", e);
            }
        }
        return Pair.of(values, option);
    }
}
