package io.tensorgrade.grader.cli;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.docker.DockerSandbox;
import io.tensorgrade.grader.sandbox.docker.SandboxImage;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import io.tensorgrade.grader.sandbox.select.SandboxBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code tensorgrade sandbox bench}: per-submission overhead of each sandbox on this machine. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure each sandbox's per-submission overhead (start to results, minus the student's own "
                + "compute) on a job of six small calls.")
final class SandboxBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sandbox", split = ",", description = "Sandboxes to measure: process, docker (a container "
            + "started per job), docker-prestarted (the next job's container started ahead, as in a batch). "
            + "Default: all three.")
    List<String> sandboxes = List.of("process", "docker", "docker-prestarted");

    @Option(names = "--runs", description = "Runs after the first, cold one (default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--image", description = "Sandbox image (default: ${DEFAULT-VALUE}).")
    String image = SandboxImage.defaultTag();

    @Option(names = "--python", description = "Python for the process sandbox (default: ${DEFAULT-VALUE}).")
    Path python = ProcessSandbox.DEFAULT_PYTHON;

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new UsageException("--runs=" + runs + " must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<SandboxBenchmark.Stats> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : sandboxes) {
            Sandbox s = switch (name) {
                case "docker" -> dockerOrNull(out, false);
                case "docker-prestarted" -> dockerOrNull(out, true);
                case "process" -> ProcessSandbox.create(python);
                default -> throw new UsageException("--sandbox=" + name
                        + " is not process, docker or docker-prestarted");
            };
            if (s != null) {
                SandboxBenchmark.Stats st = SandboxBenchmark.measure(s, runs);
                all.add(st);
                names.add(name);
                out.printf("%-18s overhead per submission: median %s, min %s, first (cold) %s; student compute %s "
                        + "(%d runs)%n", name, ms(st.median()), ms(st.min()), ms(st.first()), ms(st.compute()),
                        st.runs());
                out.flush();
            }
        }
        for (int i = 1; i < all.size(); i++) {
            out.printf("ratio %s/%s: median %.2f, min %.2f%n", names.get(i), names.get(0),
                    ratio(all.get(i).median(), all.get(0).median()), ratio(all.get(i).min(), all.get(0).min()));
        }
        return Main.OK;
    }

    private DockerSandbox dockerOrNull(PrintWriter out, boolean prestarted) {
        try {
            DockerSandbox d = DockerSandbox.create(image);
            return prestarted ? d.prestarting(1) : d;
        } catch (GraderException e) {
            out.println("docker skipped: " + e.getMessage());
            return null;
        }
    }

    private static String ms(Duration d) {
        return String.format("%.0f ms", d.toNanos() / 1e6);
    }

    private static double ratio(Duration a, Duration b) {
        return (double) a.toNanos() / Math.max(1, b.toNanos());
    }
}
