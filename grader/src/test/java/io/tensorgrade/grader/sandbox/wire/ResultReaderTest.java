package io.tensorgrade.grader.sandbox.wire;

import io.tensorgrade.grader.sandbox.Arg;
import io.tensorgrade.grader.sandbox.Call;
import io.tensorgrade.grader.sandbox.CallOutcome;
import io.tensorgrade.grader.sandbox.CallStatus;
import io.tensorgrade.grader.sandbox.Limits;
import io.tensorgrade.grader.sandbox.ReturnedValue;
import io.tensorgrade.grader.sandbox.Returns;
import io.tensorgrade.grader.sandbox.SandboxFixtures;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.ValueKind;
import io.tensorgrade.ref.io.Npy;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java side trusts nothing the harness folder holds: every file here is what hostile code could leave. */
class ResultReaderTest {
    @TempDir
    Path out;
    private Path results;
    private SandboxJob job;

    @BeforeEach
    void setUp() throws IOException {
        results = Files.createDirectories(out.resolve("results"));
        Path student = Files.writeString(out.resolve("s.py"), "def f(x): return x\n");
        job = SandboxJob.builder().file(student).input("x", SandboxFixtures.X)
                .step(Call.of("one", "s.py", "f", Arg.input("x")).withReturns(Returns.tensor()))
                .step(Call.of("two", "s.py", "f", Arg.input("x"))
                        .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.JSON)))
                .limits(Limits.defaults().withOutput(1024, 1 << 20))
                .build();
    }

    private void result(String id, String json) throws IOException {
        Files.writeString(results.resolve(id + ".json"), json);
    }

    private static String tensorEntry(String file, String shape) {
        return "{\"kind\": \"tensor\", \"dtype\": \"<f8\", \"shape\": " + shape + ", \"file\": \"" + file + "\"}";
    }

    private List<CallOutcome> read() {
        return new ResultReader(job, out).outcomes("the harness stopped early");
    }

    @Test
    void wellFormedTensorAndJsonValuesAreRead() throws IOException {
        Npy.write(results.resolve("two.0.npy"), SandboxFixtures.X);
        result("two", "{\"id\": \"two\", \"status\": \"ok\", \"wall_s\": 0.25, \"values\": ["
                + tensorEntry("two.0.npy", "[2, 3]") + ", {\"kind\": \"json\", \"value\": {\"a\": NaN}}]}");
        CallOutcome two = read().get(1);
        assertTrue(two.ok());
        SandboxFixtures.assertClose(SandboxFixtures.X, two.tensor(0), 0, 0);
        assertTrue(Double.isNaN(assertInstanceOf(ReturnedValue.JsonValue.class, two.value(1)).json().get("a").asDouble()));
        assertEquals(250, two.wall().toMillis());
    }

    @Test
    void stepWithoutResultIsNotRunWithTheReasonGiven() {
        CallOutcome one = read().get(0);
        assertEquals(CallStatus.NOT_RUN, one.status());
        assertEquals("the harness stopped early", one.message());
    }

    @Test
    void objectArrayIsRefusedAndNeverUnpickled() throws IOException {
        // np.save of np.array([{}], dtype=object) with allow_pickle: the header says '|O'.
        String header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }";
        writeNpy(results.resolve("one.0.npy"), header, new byte[]{(byte) 0x80, 4, 'N', '.'});
        result("one", "{\"id\": \"one\", \"status\": \"ok\", \"values\": [" + tensorEntry("one.0.npy", "[1]") + "]}");
        ReturnedValue.Invalid v = assertInstanceOf(ReturnedValue.Invalid.class, read().get(0).value(0));
        assertTrue(v.reason().contains("object arrays ('|O') are not supported"), v.reason());
    }

    @Test
    void tensorLargerThanTheLimitIsRefusedBeforeReading() throws IOException {
        job = new SandboxJob(job.files(), job.inputs(), job.steps(), job.forbid(),
                new Limits(job.limits().jobTimeout(), job.limits().callTimeout(), job.limits().startupTimeout(),
                        job.limits().memoryBytes(), 1, 128, 1 << 20, 1024, 1 << 20, 1024, 256));
        Npy.write(results.resolve("one.0.npy"), Tensor.zeros(1000));
        result("one", "{\"id\": \"one\", \"status\": \"ok\", \"values\": [" + tensorEntry("one.0.npy", "[1000]") + "]}");
        ReturnedValue.Invalid v = assertInstanceOf(ReturnedValue.Invalid.class, read().get(0).value(0));
        assertTrue(v.reason().contains("at most 1024 bytes of data are accepted"), v.reason());
    }

    @Test
    void tensorWhoseShapeDiffersFromTheReportIsInvalid() throws IOException {
        Npy.write(results.resolve("one.0.npy"), SandboxFixtures.X);
        result("one", "{\"id\": \"one\", \"status\": \"ok\", \"values\": [" + tensorEntry("one.0.npy", "[3, 2]") + "]}");
        ReturnedValue.Invalid v = assertInstanceOf(ReturnedValue.Invalid.class, read().get(0).value(0));
        assertTrue(v.reason().contains("differs from the reported shape [3,2]"), v.reason());
    }

    @Test
    void tensorFileUnderAnotherNameIsNotFollowed() throws IOException {
        Npy.write(results.resolve("elsewhere.npy"), SandboxFixtures.X);
        result("one", "{\"id\": \"one\", \"status\": \"ok\", \"values\": ["
                + tensorEntry("../../etc/passwd", "[2, 3]") + "]}");
        ReturnedValue.Invalid v = assertInstanceOf(ReturnedValue.Invalid.class, read().get(0).value(0));
        assertEquals("the tensor file name is not one.0.npy", v.reason());
    }

    @Test
    void linkedResultFilesAreIgnored() throws IOException {
        Path real = Files.writeString(out.resolve("forged.json"), "{\"id\": \"one\", \"status\": \"ok\", \"values\": []}");
        Files.createSymbolicLink(results.resolve("one.json"), real);
        assertEquals(CallStatus.NOT_RUN, read().get(0).status());
    }

    @Test
    void hugeHeaderIsRefused() throws IOException {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }" + " ".repeat(10_000);
        writeNpy(results.resolve("one.0.npy"), header, new byte[8]);
        result("one", "{\"id\": \"one\", \"status\": \"ok\", \"values\": [" + tensorEntry("one.0.npy", "[1]") + "]}");
        ReturnedValue.Invalid v = assertInstanceOf(ReturnedValue.Invalid.class, read().get(0).value(0));
        assertTrue(v.reason().contains("not a version 1.0 .npy file") || v.reason().contains("header"), v.reason());
    }

    @Test
    void wrongNumberOfValuesIsBadOutput() throws IOException {
        result("two", "{\"id\": \"two\", \"status\": \"ok\", \"values\": [{\"kind\": \"kept\"}]}");
        CallOutcome two = read().get(1);
        assertEquals(CallStatus.BAD_OUTPUT, two.status());
        assertEquals("the harness reported 1 values where the step declares 2", two.message());
    }

    @Test
    void resultForAnotherStepOrWithAnUnknownStatusIsNotBelieved() throws IOException {
        result("one", "{\"id\": \"two\", \"status\": \"ok\", \"values\": []}");
        result("two", "{\"id\": \"two\", \"status\": \"perfect\", \"values\": []}");
        List<CallOutcome> all = read();
        assertEquals(CallStatus.CRASHED, all.get(0).status());
        assertEquals("the result of this step is unreadable or forged", all.get(0).message());
        assertEquals("the result has an unknown status perfect", all.get(1).message());
    }

    @Test
    void unexpectedFilesAreNotedAndMalformedJsonIsNotTrusted() throws IOException {
        result("one", "{\"id\": \"one\", \"status\": \"ok\", \"values\": [");
        Files.writeString(results.resolve("payload.pkl"), "x");
        ResultReader reader = new ResultReader(job, out);
        assertEquals(CallStatus.CRASHED, reader.outcomes("").get(0).status());
        assertEquals(List.of("unexpected files in the results were ignored: payload.pkl"), reader.notes());
    }

    @Test
    void logsAreReadUpToTheirCap() throws IOException {
        Files.writeString(out.resolve("stdout.txt"), "a".repeat(5000));
        String log = new ResultReader(job, out).log("stdout.txt", 1024);
        assertEquals(1224, log.length());
        assertFalse(new ResultReader(job, out).complete());
    }

    private static void writeNpy(Path file, String header, byte[] data) throws IOException {
        byte[] h = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[10 + h.length + data.length];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
        System.arraycopy(magic, 0, bytes, 0, 8);
        bytes[8] = (byte) (h.length & 0xff);
        bytes[9] = (byte) ((h.length >> 8) & 0xff);
        System.arraycopy(h, 0, bytes, 10, h.length);
        System.arraycopy(data, 0, bytes, 10 + h.length, data.length);
        Files.write(file, bytes);
    }
}
