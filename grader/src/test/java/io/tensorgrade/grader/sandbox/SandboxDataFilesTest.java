package io.tensorgrade.grader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static io.tensorgrade.grader.sandbox.SandboxFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rubric data files travel into each sandbox read-only, and builtin Python values come back typed. */
class SandboxDataFilesTest {
    private static final String TEXT = "n01440764 tench, Tinca tinca\nn10148035 groom, bridegroom\n";

    @TempDir
    Path dir;

    static Stream<String> sandboxes() {
        return Stream.of("process", "docker");
    }

    private static Sandbox sandbox(String name) {
        return name.equals("docker") ? SandboxFixtures.docker() : SandboxFixtures.process();
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void dataFilesArriveAsPathsStudentCodeCanReadButNotChange(String name) throws IOException {
        Sandbox sandbox = sandbox(name);
        Path words = Files.writeString(dir.resolve("words-on-host.txt"), TEXT);
        SandboxJob job = SandboxJob.builder().file(resource("data_files.py"))
                .data("synset_words.txt", words)
                .step(Call.of("read", "data_files.py", "read_text", Arg.data("synset_words.txt")))
                .step(Call.of("write", "data_files.py", "try_write", Arg.data("synset_words.txt")))
                .step(Call.of("again", "data_files.py", "read_text", Arg.data("synset_words.txt")))
                .build();
        SandboxResult r = sandbox.run(job);
        assertEquals(TEXT, json(r, "read").asText(), () -> r.toString());
        assertEquals("PermissionError", json(r, "write").asText(), () -> r.toString());
        assertEquals(TEXT, json(r, "again").asText());
        assertEquals(TEXT, Files.readString(words), "the rubric's own file is copied, never handed over");
    }

    @ParameterizedTest(name = "{0} sandbox")
    @MethodSource("sandboxes")
    void pythonValuesKeepTuplesIntKeysAndStringsApartAndExitIsAnError(String name) {
        Sandbox sandbox = sandbox(name);
        SandboxJob job = SandboxJob.builder().file(resource("data_files.py"))
                .step(Call.of("values", "data_files.py", "python_values").withReturns(Returns.single(ValueKind.PYTHON)))
                .step(Call.of("set", "data_files.py", "unsupported").withReturns(Returns.single(ValueKind.PYTHON)))
                .step(Call.of("exit", "data_files.py", "leaves").withReturns(Returns.single(ValueKind.PYTHON)))
                .build();
        SandboxResult r = sandbox.run(job);
        Map<PyValue, PyValue> dict = new LinkedHashMap<>();
        dict.put(PyValue.of(0), PyValue.of("a"));
        dict.put(PyValue.of("0"), PyValue.of("b"));
        dict.put(PyValue.tuple(PyValue.of(1), PyValue.of(2)),
                new PyValue.PyList(List.of(PyValue.none(), new PyValue.PyBool(true), new PyValue.PyFloat(1.5))));
        PyValue expected = PyValue.tuple(PyValue.dict(dict), new PyValue.PyList(List.of(PyValue.of(1), PyValue.of(2))),
                PyValue.of("x\n"));
        assertEquals(expected, PyValue.fromWire(json(r, "values")), () -> r.toString());
        ReturnedValue.Invalid set = assertInstanceOf(ReturnedValue.Invalid.class, r.call("set").value(0));
        assertTrue(set.reason().contains("a set cannot be compared"), set.reason());
        CallOutcome exit = r.call("exit");
        assertEquals(CallStatus.ERROR, exit.status());
        assertTrue(exit.message().strip().endsWith("SystemExit: 3"), exit.message());
    }

    private static com.fasterxml.jackson.databind.JsonNode json(SandboxResult r, String step) {
        return assertInstanceOf(ReturnedValue.JsonValue.class, r.call(step).value(0), () -> r.call(step).toString()).json();
    }
}
