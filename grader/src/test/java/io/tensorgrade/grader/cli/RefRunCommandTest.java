package io.tensorgrade.grader.cli;

import io.tensorgrade.ref.io.Npy;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tensorgrade ref run} through {@link Main#run}: files written, messages and exit codes. */
class RefRunCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** A copy of a committed conformance case, so that outputs land in the temporary folder. */
    private Path copyCase(String name, Path to) throws IOException {
        Path src;
        try {
            src = Path.of(getClass().getResource("/conformance/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    private static void assertSameValues(Path expected, Path actual) {
        Tensor e = Npy.read(expected).tensor();
        Tensor a = Npy.read(actual).tensor();
        io.tensorgrade.ref.tensor.Comparison c = io.tensorgrade.ref.tensor.Comparison.of(e, a, 1e-9, 1e-9);
        assertTrue(c.matches(), actual + ": " + c.message());
    }

    @Test
    void writesEveryOutputToTheCaseActualFolder() throws IOException {
        Path dir = copyCase("conv2d_groups2", tmp.resolve("conv"));
        assertEquals(Main.OK, run("ref", "run", dir.toString()), err.toString());
        for (String name : List.of("out", "grad_x", "grad_weight", "grad_bias")) {
            assertSameValues(dir.resolve("expected/" + name + ".npy"), dir.resolve("actual/" + name + ".npy"));
        }
        assertTrue(out.toString().contains("ok      " + dir + ": out, grad_x, grad_weight, grad_bias -> "
                + dir.resolve("actual")), out.toString());
        assertTrue(out.toString().contains("1 case: 1 ok, 0 failed"), out.toString());
    }

    @Test
    void outOptionWritesUnderTheCaseFolderName() throws IOException {
        Path a = copyCase("cross_entropy_none", tmp.resolve("cases/ce"));
        Path b = copyCase("max_pool2d_ties_overlapping", tmp.resolve("cases/mp"));
        Path outDir = tmp.resolve("results");
        assertEquals(Main.OK, run("ref", "run", a.toString(), b.toString(), "--out", outDir.toString()), err.toString());
        assertSameValues(a.resolve("expected/loss.npy"), outDir.resolve("ce/loss.npy"));
        assertSameValues(b.resolve("expected/grad_x.npy"), outDir.resolve("mp/grad_x.npy"));
        assertFalse(Files.exists(a.resolve("actual")));
        try (Stream<Path> files = Files.list(outDir.resolve("ce"))) {
            assertEquals(List.of("grad_logits.npy", "loss.npy"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
    }

    @Test
    void rerunReplacesEarlierOutputs() throws IOException {
        Path dir = copyCase("relu_forward_only", tmp.resolve("relu"));
        Files.createDirectories(dir.resolve("actual"));
        Files.writeString(dir.resolve("actual/out.npy"), "stale");
        assertEquals(Main.OK, run("ref", "run", dir.toString()), err.toString());
        assertSameValues(dir.resolve("expected/out.npy"), dir.resolve("actual/out.npy"));
    }

    @Test
    void badCaseIsReportedAndTheOthersStillRun() throws IOException {
        Path bad = copyCase("conv2d_basic", tmp.resolve("bad"));
        Files.writeString(bad.resolve("case.json"), "{\"op\": \"conv2d\", \"params\": {\"stride\": \"two\"}}");
        Path missing = copyCase("conv2d_no_bias", tmp.resolve("missing"));
        Files.delete(missing.resolve("inputs/weight.npy"));
        Path good = copyCase("sigmoid_saturated_1000", tmp.resolve("good"));

        int code = run("ref", "run", bad.toString(), missing.toString(), good.toString());

        assertEquals(Main.FAILURE, code);
        String e = err.toString();
        assertTrue(e.contains("FAILED  " + bad.resolve("case.json") + ": params.stride: expected an int or [h, w], "
                + "got \"two\""), e);
        assertTrue(e.contains("FAILED  " + missing.resolve("inputs/weight.npy") + ": missing (conv2d needs x, weight)"), e);
        assertTrue(e.contains("3 cases: 1 ok, 2 failed"), e);
        assertSameValues(good.resolve("expected/grad_x.npy"), good.resolve("actual/grad_x.npy"));
        assertFalse(Files.exists(bad.resolve("actual")));
    }

    @Test
    void unknownOpListsKnownOps() throws IOException {
        Path dir = copyCase("relu_forward_only", tmp.resolve("r"));
        Files.writeString(dir.resolve("case.json"), "{\"op\": \"gelu\"}");
        assertEquals(Main.FAILURE, run("ref", "run", dir.toString()));
        assertTrue(err.toString().contains("unknown op \"gelu\"; known: conv2d, max_pool2d"), err.toString());
    }

    @Test
    void noCaseFolderIsAUsageError() {
        assertEquals(Main.USAGE, run("ref", "run"));
        assertTrue(err.toString().contains("CASE_DIR"), err.toString());
    }

    @Test
    void outThatIsAFileIsAUsageError() throws IOException {
        Path dir = copyCase("relu_forward_only", tmp.resolve("r"));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertEquals(Main.USAGE, run("ref", "run", dir.toString(), "--out", file.toString()));
        assertTrue(err.toString().contains("--out " + file + " is a file"), err.toString());
    }

    @Test
    void twoCasesWithTheSameNameUnderOneOutIsAUsageError() throws IOException {
        Path a = copyCase("relu_forward_only", tmp.resolve("a/case"));
        Path b = copyCase("relu_forward_only", tmp.resolve("b/case"));
        assertEquals(Main.USAGE, run("ref", "run", a.toString(), b.toString(), "--out", tmp.resolve("o").toString()));
        assertTrue(err.toString().contains("would both write to " + tmp.resolve("o/case")), err.toString());
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void missingCaseFolderFails() {
        Path dir = tmp.resolve("nope");
        assertEquals(Main.FAILURE, run("ref", "run", dir.toString()));
        assertTrue(err.toString().contains("FAILED  " + dir + ": no such directory"), err.toString());
    }
}
