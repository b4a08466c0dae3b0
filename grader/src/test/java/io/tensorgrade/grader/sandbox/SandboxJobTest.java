package io.tensorgrade.grader.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.sandbox.wire.JobWriter;
import io.tensorgrade.grader.sandbox.wire.Permissions;
import io.tensorgrade.ref.io.Npy;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job is checked when it is built, and written to disk exactly as the harness reads it. */
class SandboxJobTest {
    @TempDir
    Path dir;

    private Path student() throws IOException {
        return Files.writeString(dir.resolve("hw.py"), "def f(x): return x\n");
    }

    @Test
    void stepUsingAnUndefinedInputIsRefusedNamingIt() throws IOException {
        SandboxJob.Builder b = SandboxJob.builder().file(student()).input("x", SandboxFixtures.X)
                .step(Call.of("a", "hw.py", "f", Arg.input("y")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertEquals("step a uses input y, which the job does not define; defined: [x]", e.getMessage());
    }

    @Test
    void handleMustNameAnEarlierCall() throws IOException {
        SandboxJob.Builder b = SandboxJob.builder().file(student()).input("x", SandboxFixtures.X)
                .step(Call.of("a", "hw.py", "f", Arg.handle("b", 1)))
                .step(Call.of("b", "hw.py", "f", Arg.input("x")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertEquals("step a uses the result of b, which is not an earlier call", e.getMessage());
    }

    @Test
    void namesThatWouldBeUnsafeFileNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Call.of("../x", "hw.py", "f"));
        assertEquals("step id='../x' is not allowed: use letters, digits, '_', '.' and '-', at most 64",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Call.of("a", "hw.py", "os.system('x')"));
        assertThrows(IllegalArgumentException.class, () -> Arg.input("a/b"));
    }

    @Test
    void eachStepHasItsOwnForbidListAndTheJobFileCarriesTheUnion() throws IOException {
        SandboxJob job = SandboxJob.builder().file(student()).input("x", SandboxFixtures.X)
                .step(Call.of("a.case1", "hw.py", "f", Arg.input("x")))
                .step(Call.of("b.case1", "hw.py", "f", Arg.input("x")))
                .forbid("torch.nn.functional.relu")
                .forbidIn("a.case1", List.of("torch.sigmoid"))
                .build();
        assertEquals(List.of("torch.nn.functional.relu", "torch.sigmoid"), job.forbidden("a.case1"));
        assertEquals(List.of("torch.nn.functional.relu"), job.forbidden("b.case1"));
        JsonNode json = JobWriter.jobJson(job);
        assertEquals("[\"torch.nn.functional.relu\",\"torch.sigmoid\"]", json.get("forbid").toString());
        assertEquals("[\"torch.nn.functional.relu\",\"torch.sigmoid\"]", json.get("steps").get(0).get("forbid").toString());
        assertEquals("[\"torch.nn.functional.relu\"]", json.get("steps").get(1).get("forbid").toString());
    }

    @Test
    void aForbidListForAStepTheJobDoesNotHaveIsRefused() throws IOException {
        SandboxJob.Builder b = SandboxJob.builder().file(student()).input("x", SandboxFixtures.X)
                .step(Call.of("a", "hw.py", "f", Arg.input("x"))).forbidIn("b", List.of("torch.sigmoid"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertEquals("a forbid list names step b, which the job does not have", e.getMessage());
    }

    @Test
    void numericalGradientMustDifferentiateAnInputTensor() {
        Call forward = Call.of("f", "hw.py", "f", Arg.json(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumGrad.of("g", forward, 0));
        assertEquals("NumGrad g: the differentiated argument #0 must be an input tensor, got Json[value=3]",
                e.getMessage());
    }

    @Test
    void jsonLiteralsCannotCarryNaN() {
        assertThrows(IllegalArgumentException.class, () -> Arg.json(Double.NaN));
    }

    @Test
    void jobFolderHoldsTheJobInputsAndCopiesOfTheStudentsFiles() throws IOException {
        Call fwd = Call.of("fwd", "hw.py", "f", Arg.input("x"), Arg.json(Map.of("stride", 2)))
                .withReturns(Returns.tuple(ValueKind.TENSOR, ValueKind.KEEP)).withTimeout(Duration.ofSeconds(3));
        SandboxJob job = SandboxJob.builder().file(student()).input("x", SandboxFixtures.X)
                .input("t", new InputTensor(Tensor.of(new double[]{3, 1}, 2), InputType.INT64))
                .step(fwd)
                .step(Call.of("bwd", "hw.py", "f", Arg.handle("fwd", 1)).withKwarg("k", Arg.input("t")))
                .step(NumGrad.of("ng", fwd.withReturns(Returns.tensor()), 0))
                .forbid("torch.nn.functional.conv2d")
                .build();
        Path out = dir.resolve("job");
        JobWriter.write(job, out);
        JsonNode root = JsonSupport.READER.readTree(Files.readAllBytes(out.resolve("job.json")));
        assertEquals(1, root.get("protocol").asInt());
        assertEquals("[\"hw.py\"]", root.get("files").toString());
        assertEquals("{\"x\":\"float64\",\"t\":\"int64\"}", root.get("inputs").toString());
        JsonNode first = root.get("steps").get(0);
        assertEquals("[{\"input\":\"x\"},{\"json\":{\"stride\":2}}]", first.get("args").toString());
        assertEquals("[\"tensor\",\"keep\"]", first.get("returns").toString());
        assertEquals(3.0, first.get("timeout_s").asDouble());
        assertEquals("{\"k\":{\"input\":\"t\"}}", root.get("steps").get(1).get("kwargs").toString());
        assertEquals("{\"handle\":\"fwd\",\"index\":1}", root.get("steps").get(1).get("args").get(0).toString());
        assertEquals("numgrad", root.get("steps").get(2).get("type").asText());
        assertEquals(10.0, root.get("steps").get(2).get("timeout_s").asDouble());
        assertEquals("def f(x): return x\n", Files.readString(out.resolve("student/hw.py")));
        assertEquals(List.of(3L, 1L), List.of(Npy.read(out.resolve("inputs/t.npy")).longs()[0],
                Npy.read(out.resolve("inputs/t.npy")).longs()[1]));
    }

    @Test
    void dataFilesAreCopiedReadOnlyAndListedAndStepsMayUseOnlyThoseCarried() throws IOException {
        Path words = Files.writeString(dir.resolve("words.txt"), "n01440764 tench, Tinca tinca\n");
        SandboxJob job = SandboxJob.builder().file(student()).data("synset_words.txt", words)
                .data("synset_words.txt", words)
                .step(Call.of("a", "hw.py", "f", Arg.data("synset_words.txt"))).build();
        Path out = dir.resolve("job");
        JobWriter.write(job, out);
        JsonNode root = JsonSupport.READER.readTree(Files.readAllBytes(out.resolve("job.json")));
        assertEquals("[\"synset_words.txt\"]", root.get("data").toString());
        assertEquals("[{\"data\":\"synset_words.txt\"}]", root.get("steps").get(0).get("args").toString());
        Path copy = out.resolve("data/synset_words.txt");
        assertEquals("n01440764 tench, Tinca tinca\n", Files.readString(copy));
        if (Permissions.POSIX) {
            assertEquals("r--r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(copy)));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SandboxJob.builder()
                .file(student()).step(Call.of("a", "hw.py", "f", Arg.data("other.txt"))).build());
        assertEquals("step a uses data file other.txt, which the job does not carry; carried: []", e.getMessage());
    }

    @Test
    void dataFileNamesMustBeFlatAndUnique() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> Arg.data("../etc/passwd"));
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        Path b = Files.writeString(dir.resolve("b.txt"), "b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SandboxJob.builder().data("x.txt", a).data("x.txt", b));
        assertEquals("data file x.txt is both " + a + " and " + b, e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SandboxJob(List.of(), Map.of(), Map.of("a/b", a), List.of(), List.of(), Limits.defaults()));
    }

    @Test
    void linkedDataFileIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("words.txt"), Path.of("/etc/passwd"));
        SandboxJob job = SandboxJob.builder().file(student()).data("w.txt", link).build();
        GraderException e = assertThrows(GraderException.class, () -> JobWriter.write(job, dir.resolve("job")));
        assertTrue(e.getMessage().contains("not a regular file (links are not followed)"), e.getMessage());
    }

    @Test
    void linkedStudentFileIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.py"), Path.of("/etc/passwd"));
        SandboxJob job = SandboxJob.builder().file(link).build();
        GraderException e = assertThrows(GraderException.class, () -> JobWriter.write(job, dir.resolve("job")));
        assertEquals("student file " + link + " is not a regular file (links are not followed)", e.getMessage());
    }
}
