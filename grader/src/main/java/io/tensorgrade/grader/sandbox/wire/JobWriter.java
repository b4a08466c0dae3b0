package io.tensorgrade.grader.sandbox.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.sandbox.Arg;
import io.tensorgrade.grader.sandbox.Call;
import io.tensorgrade.grader.sandbox.InputTensor;
import io.tensorgrade.grader.sandbox.InputType;
import io.tensorgrade.grader.sandbox.JsonSupport;
import io.tensorgrade.grader.sandbox.Limits;
import io.tensorgrade.grader.sandbox.NumGrad;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.Step;
import io.tensorgrade.grader.sandbox.StudentFile;
import io.tensorgrade.ref.io.Npy;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * Writes a job folder for the harness: {@code job.json}, {@code inputs/<name>.npy}, {@code student/<file>}
 * and {@code data/<name>} (copies; symbolic links are refused so no host file can ride along; data files are
 * made read-only, and student code runs under another uid in both sandboxes' default set-ups).
 */
public final class JobWriter {
    static final int PROTOCOL = 1;
    private static final long MAX_STUDENT_FILE = 64L << 20;
    /** All data files of a job together: the Docker sandbox sends the job folder as one tar in memory. */
    private static final long MAX_DATA_BYTES = 64L << 20;

    private JobWriter() {
    }

    public static void write(SandboxJob job, Path dir) {
        try {
            Files.createDirectories(dir.resolve("inputs"));
            Files.createDirectories(dir.resolve("student"));
            for (StudentFile f : job.files()) {
                Path to = dir.resolve("student").resolve(f.name());
                Files.createDirectories(to.getParent());
                copyStudentFile(f.source(), to);
            }
            for (Map.Entry<String, InputTensor> e : job.inputs().entrySet()) {
                writeInput(dir.resolve("inputs").resolve(e.getKey() + ".npy"), e.getValue());
            }
            copyData(job, dir.resolve("data"));
            Files.write(dir.resolve("job.json"), JsonSupport.MAPPER.writeValueAsBytes(jobJson(job)));
            Permissions.readableTree(dir);
            Permissions.readOnlyFiles(dir.resolve("data"));
        } catch (IOException e) {
            throw new GraderException("cannot write the sandbox job folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void copyStudentFile(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new GraderException("student file " + from + " is not a regular file (links are not followed)");
        }
        if (Files.size(from) > MAX_STUDENT_FILE) {
            throw new GraderException("student file " + from + " is larger than " + (MAX_STUDENT_FILE >> 20) + " MB");
        }
        Files.copy(from, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyData(SandboxJob job, Path into) throws IOException {
        Files.createDirectories(into);
        long total = 0;
        for (Map.Entry<String, Path> e : job.data().entrySet()) {
            Path from = e.getValue();
            if (!Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                throw new GraderException("data file " + from + " is missing or not a regular file (links are not"
                        + " followed)");
            }
            total += Files.size(from);
            if (total > MAX_DATA_BYTES) {
                throw new GraderException("the data files of this job are larger than " + (MAX_DATA_BYTES >> 20)
                        + " MB together (at " + from + ")");
            }
            Files.copy(from, into.resolve(e.getKey()), LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeInput(Path file, InputTensor input) {
        Tensor t = input.tensor();
        if (input.type() == InputType.INT64) {
            double[] d = t.rawData();
            long[] v = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                v[i] = (long) d[i];
            }
            Npy.writeInt64(file, v, t.shape());
        } else {
            Npy.write(file, t);
        }
    }

    public static ObjectNode jobJson(SandboxJob job) {
        ObjectNode root = JsonSupport.MAPPER.createObjectNode();
        root.put("protocol", PROTOCOL);
        ArrayNode files = root.putArray("files");
        job.files().forEach(f -> files.add(f.name()));
        ArrayNode forbid = root.putArray("forbid");
        job.allForbidden().forEach(forbid::add);
        ObjectNode inputs = root.putObject("inputs");
        job.inputs().forEach((k, v) -> inputs.put(k, v.type().wire()));
        ArrayNode data = root.putArray("data");
        job.data().keySet().forEach(data::add);
        Limits l = job.limits();
        ObjectNode limits = root.putObject("limits");
        limits.put("call_timeout_s", seconds(l.callTimeout()));
        limits.put("startup_timeout_s", seconds(l.startupTimeout()));
        limits.put("log_bytes", l.logBytes());
        limits.put("output_bytes", l.outputBytes());
        limits.put("result_bytes", l.resultBytes());
        ArrayNode steps = root.putArray("steps");
        for (Step s : job.steps()) {
            ObjectNode n = s instanceof Call c ? call(c, job.limits()) : numGrad((NumGrad) s, job.limits());
            if (!job.stepForbid().isEmpty()) {
                // Several parts share the job: each step says which APIs are forbidden while it runs.
                ArrayNode own = n.putArray("forbid");
                job.forbidden(s.id()).forEach(own::add);
            }
            steps.add(n);
        }
        return root;
    }

    private static ObjectNode call(Call c, Limits limits) {
        ObjectNode n = callBody(c, c.id(), "call");
        n.set("returns", JsonSupport.MAPPER.valueToTree(c.returns().wire()));
        n.put("timeout_s", seconds(c.timeout() != null ? c.timeout() : limits.callTimeout()));
        return n;
    }

    private static ObjectNode numGrad(NumGrad g, Limits limits) {
        ObjectNode n = callBody(g.forward(), g.id(), "numgrad");
        if (g.keyword() != null) {
            n.put("wrt", g.keyword());
        } else {
            n.put("wrt", g.position());
        }
        if (g.output() != null) {
            n.put("output", g.output());
        } else {
            n.putNull("output");
        }
        if (g.gradOutput() != null) {
            n.putObject("grad_output").put("input", g.gradOutput());
        } else {
            n.putNull("grad_output");
        }
        n.put("eps", g.eps());
        n.put("max_elements", g.maxElements());
        n.put("timeout_s", seconds(g.timeout() != null ? g.timeout() : limits.callTimeout()));
        return n;
    }

    private static ObjectNode callBody(Call c, String id, String type) {
        ObjectNode n = JsonSupport.MAPPER.createObjectNode();
        n.put("id", id);
        n.put("type", type);
        n.put("file", c.file());
        n.put("function", c.function());
        ArrayNode args = n.putArray("args");
        c.args().forEach(a -> args.add(arg(a)));
        ObjectNode kwargs = n.putObject("kwargs");
        c.kwargs().forEach((k, v) -> kwargs.set(k, arg(v)));
        n.put("tensors", c.tensors().wire());
        return n;
    }

    private static ObjectNode arg(Arg a) {
        ObjectNode n = JsonSupport.MAPPER.createObjectNode();
        if (a instanceof Arg.Input i) {
            n.put("input", i.name());
        } else if (a instanceof Arg.Json j) {
            n.set("json", j.value());
        } else if (a instanceof Arg.Data d) {
            n.put("data", d.name());
        } else if (a instanceof Arg.Handle h) {
            n.put("handle", h.step());
            if (h.index() != null) {
                n.put("index", h.index());
            } else {
                n.putNull("index");
            }
        }
        return n;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
