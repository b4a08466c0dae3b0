package io.tensorgrade.grader.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void sandboxWithoutSubcommandIsAUsageError() {
        assertEquals(Main.USAGE, run("sandbox"));
        assertTrue(err.toString().contains("Missing a subcommand: build, status or bench."), err.toString());
    }

    @Test
    void buildHelpNamesTheOfflineBase() {
        assertEquals(Main.OK, run("sandbox", "build", "--help"));
        assertTrue(out.toString().contains("tensorgrade-base:bookworm"), out.toString());
        assertTrue(out.toString().contains("--mirror"), out.toString());
    }

    @Test
    void statusWithAMissingPythonSaysHowToFixIt() {
        assertEquals(Main.FAILURE, run("sandbox", "status", "--image", "tensorgrade-sandbox:no-such-tag",
                "--python", "/nonexistent/python3"));
        assertEquals("tensorgrade: the Python interpreter /nonexistent/python3 does not exist or is not executable; "
                + "pass --python with one that has numpy (and torch for torch assignments)\n", err.toString());
    }

    @Test
    void statusFallsBackToTheProcessSandboxAndSaysWhy() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/python3")),
                "no /usr/bin/python3 here");
        assertEquals(Main.OK, run("sandbox", "status", "--image", "tensorgrade-sandbox:no-such-tag"));
        String text = out.toString();
        assertTrue(text.startsWith("process sandbox, because "), text);
        assertTrue(text.contains("tensorgrade-sandbox:no-such-tag does not exist here")
                || text.contains("no Docker daemon answers"), text);
        assertTrue(text.contains("Process sandbox (isolates less than Docker)"), text);
    }

    @Test
    void unknownSandboxIsAUsageError() {
        assertEquals(Main.USAGE, run("sandbox", "status", "--sandbox", "vm"));
        assertEquals("tensorgrade: --sandbox=vm is not one of docker, process, auto\n", err.toString());
    }
}
