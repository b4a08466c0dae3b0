package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.network.InlineNetwork;
import io.tensorgrade.grader.check.network.NetworkReader;
import io.tensorgrade.grader.yaml.DidYouMean;
import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlList;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlReader;
import io.tensorgrade.grader.yaml.YamlScalar;
import io.tensorgrade.ref.net.Zoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ref cost --net} names: {@code zoo:NAME}, a YAML file with {@code network:} (and {@code input:}), or
 * {@code RUBRIC.yaml#part_id}, the network of a rubric part, so that staff can check their own rubric's network.
 * Problems are usage errors with file:line, as {@code rubric validate} reports them.
 */
final class NetworkSource {

    private NetworkSource() {
    }

    /** The network {@code net} names, with its input when it has one. */
    static InlineNetwork read(String net) {
        if (net.startsWith(NetworkReader.ZOO)) {
            String name = net.substring(NetworkReader.ZOO.length());
            try {
                return new InlineNetwork(Zoo.get(name), Zoo.input(name));
            } catch (io.tensorgrade.ref.RefException e) {
                throw new UsageException(e.getMessage());
            }
        }
        int hash = net.lastIndexOf('#');
        Path file = Path.of(hash < 0 ? net : net.substring(0, hash));
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--net '" + net + "': give zoo:NAME (known: zoo:" + String.join(", zoo:",
                    Zoo.names()) + "), a YAML file with network: and input:, or RUBRIC.yaml#part_id; " + file
                    + " is not a file");
        }
        YamlReader.Result doc = YamlReader.read(file);
        if (!(doc.root() instanceof YamlMap top)) {
            throw new UsageException(file + ": " + (doc.problems().isEmpty() ? "expected a mapping"
                    : doc.problems().get(0).line() + ": " + doc.problems().get(0).describe()));
        }
        YamlMap map = hash < 0 ? top : part(file, top, net.substring(hash + 1));
        return fromMap(file.toString(), map, file.toAbsolutePath().getParent());
    }

    private static YamlMap part(Path file, YamlMap top, String id) {
        List<String> ids = new ArrayList<>();
        if (top.get("parts") instanceof YamlList parts) {
            for (YamlNode item : parts.items()) {
                if (item instanceof YamlMap m && m.get("id") instanceof YamlScalar s) {
                    if (s.text().equals(id)) {
                        return m;
                    }
                    ids.add(s.text());
                }
            }
        }
        throw new UsageException(file + " has no part '" + id + "'" + DidYouMean.hint(id, ids) + "; its parts: "
                + String.join(", ", ids));
    }

    private static InlineNetwork fromMap(String where, YamlMap map, Path base) {
        List<Problem> problems = new ArrayList<>();
        Optional<InlineNetwork> network = NetworkReader.read(new ConfigReader(map, problems, base), false);
        if (network.isEmpty() || !problems.isEmpty()) {
            StringBuilder sb = new StringBuilder("--net " + where + ": the network cannot be read:");
            problems.forEach(p -> sb.append("\n  ").append(where).append(':').append(p.line()).append(": ")
                    .append(p.describe()));
            throw new UsageException(sb.toString());
        }
        return network.get();
    }
}
