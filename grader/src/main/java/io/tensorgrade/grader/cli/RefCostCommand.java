package io.tensorgrade.grader.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.cost.Convention;
import io.tensorgrade.ref.cost.LayerCost;
import io.tensorgrade.ref.cost.NetworkCost;
import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.net.Zoo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code tensorgrade ref cost}: parameters, MACs and operations of a network, per layer and in total. */
@Command(name = "cost",
        mixinStandardHelpOptions = true,
        description = "Parameters, MACs and operations of a network for one sample, per layer and in total.")
final class RefCostCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--net", required = true, paramLabel = "zoo:NAME|FILE|RUBRIC#PART",
            description = "The network: zoo:NAME (e.g. zoo:alexnet; known: ${COMPLETION-CANDIDATES}), a YAML file"
                    + " with network: and input:, or RUBRIC.yaml#part_id (a rubric part's network).",
            completionCandidates = ZooNames.class)
    String net;

    @Option(names = "--input", paramLabel = "C,H,W",
            description = "Shape of one input sample (C,H,W or N). Default: the shape the zoo network was made for.")
    String input;

    @Option(names = "--convention", paramLabel = "NAME", defaultValue = "macs",
            description = "How operations are counted (default: ${DEFAULT-VALUE}). Known: ${COMPLETION-CANDIDATES}",
            completionCandidates = ConventionNames.class)
    String convention;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        NetworkSpec network;
        ActivationShape shape;
        Convention counting;
        try {
            var inline = NetworkSource.read(net);
            network = inline.spec();
            shape = input != null ? ActivationShape.parse(input) : inline.knownInput().orElseThrow(() ->
                    new UsageException("--net " + net + " gives no input shape: add --input C,H,W"));
            counting = Convention.of(convention);
        } catch (RefException e) {
            throw new UsageException(e.getMessage());
        }
        NetworkCost cost = NetworkCost.of(network, shape, counting);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(cost)));
        } else {
            printTable(cost, out);
        }
        out.flush();
        return Main.OK;
    }

    static ObjectNode toJson(NetworkCost cost) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("network", cost.network());
        root.set("input", dims(mapper, cost.input()));
        root.set("output", dims(mapper, cost.output()));
        root.put("convention", cost.convention().name());
        root.put("convention_summary", cost.convention().summary());
        root.put("params", cost.params());
        // Each count under its own name: MACs always, and the convention's count under the convention's name.
        String counted = countedName(cost);
        root.put("macs", cost.macs());
        if (counted != null) {
            root.put(counted, cost.flops());
        }
        ArrayNode layers = root.putArray("layers");
        for (LayerCost layer : cost.layers()) {
            ObjectNode node = layers.addObject();
            node.put("number", layer.number());
            node.put("layer", layer.layer());
            node.put("kind", layer.kind());
            node.set("output", dims(mapper, layer.output()));
            node.put("params", layer.params());
            node.put("params_formula", layer.paramsFormula());
            node.put("macs", layer.macs());
            if (counted != null) {
                node.put(counted, layer.flops());
            }
            node.put("formula", layer.formula());
        }
        return root;
    }

    /** The name of the convention's count, or null when it counts plain MACs (already shown as "macs"). */
    private static String countedName(NetworkCost cost) {
        String name = cost.convention().name();
        return name.equals("macs") ? null : name;
    }

    private static ArrayNode dims(ObjectMapper mapper, ActivationShape shape) {
        ArrayNode array = mapper.createArrayNode();
        shape.dims().forEach(array::add);
        return array;
    }

    private static void printTable(NetworkCost cost, PrintWriter out) {
        out.println(cost.network() + ", input " + cost.input() + ", convention " + cost.convention().name() + ": "
                + cost.convention().summary());
        String counted = countedName(cost);
        List<String[]> rows = new ArrayList<>();
        rows.add(row("#", "layer", "output", "params", "macs", counted, "formula"));
        for (LayerCost l : cost.layers()) {
            rows.add(row(Integer.toString(l.number()), l.layer(), l.output().toString(), Long.toString(l.params()),
                    Long.toString(l.macs()), counted == null ? null : Long.toString(l.flops()), l.formula()));
        }
        rows.add(row("", "total", cost.output().toString(), Long.toString(cost.params()),
                Long.toString(cost.macs()), counted == null ? null : Long.toString(cost.flops()), ""));
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean number = i == 0 || (i >= 3 && i < columns - 1);
                String cell = number ? " ".repeat(widths[i] - row[i].length()) + row[i]
                        : row[i] + (i == row.length - 1 ? "" : " ".repeat(widths[i] - row[i].length()));
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Zoo names for picocli's help text. */
    static final class ZooNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        ZooNames() {
            super(Zoo.names());
        }
    }

    /** Convention names for picocli's help text. */
    static final class ConventionNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        ConventionNames() {
            super(Convention.names());
        }
    }

    /** A table row; the convention's column (at index 5) is left out when it is null. */
    private static String[] row(String... cells) {
        return java.util.Arrays.stream(cells).filter(java.util.Objects::nonNull).toArray(String[]::new);
    }
}
