package io.tensorgrade.grader.sandbox;

import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Script jobs (training runs) in both sandboxes: data in read-only, files out, budget, logs. */
class ScriptSandboxTest {
    @TempDir
    Path tmp;

    private static Sandbox sandbox(String name) {
        return name.equals("docker") ? SandboxFixtures.docker() : SandboxFixtures.process();
    }

    /** A course data folder with a training file and a test file next to it; only the first is given. */
    private Map<String, Path> courseData() throws IOException {
        Path course = Files.createDirectories(tmp.resolve("course"));
        Files.writeString(course.resolve("data_batch_1"), "train-bytes");
        Files.writeString(course.resolve("test_batch"), "test-bytes");
        return Map.of("data_batch_1", course.resolve("data_batch_1"));
    }

    private ScriptJob job(String script, Duration budget) throws IOException {
        Path code = Files.createDirectories(tmp.resolve("code"));
        Files.writeString(code.resolve("train.py"), script);
        Files.writeString(code.resolve("helper.py"), "VALUE = 42\n");
        Limits limits = Limits.defaults().withJobTimeout(budget).withScratchBytes(64L << 20)
                .withOutput(256 * 1024, 256 * 1024);
        return new ScriptJob(code, "train.py", List.of("--data", "{data}", "--out", "{out}"), courseData(),
                tmp.resolve("collected"), false, limits, 1 << 20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"process", "docker"})
    void scriptSeesOnlyTheTrainingDataAndItsFileComesBack(String name) throws IOException {
        Sandbox sandbox = sandbox(name);
        ScriptResult r = sandbox.runScript(job("""
                import os, sys, helper
                data, out = sys.argv[2], sys.argv[4]
                assert data == os.environ['TG_DATA'] and out == os.environ['TG_OUT'], (data, out)
                print('listing', sorted(os.listdir(data)))
                print('read', open(os.path.join(data, 'data_batch_1')).read())
                try:
                    open(os.path.join(data, 'x'), 'w')
                    print('data writable')
                except OSError:
                    print('data read-only')
                with open('model.pt', 'wb') as f:
                    f.write(b'weights' * helper.VALUE)
                print('cwd', os.getcwd() == out)
                print('done', file=sys.stderr)
                """, Duration.ofSeconds(60)));
        assertEquals(ScriptResult.Outcome.FINISHED, r.outcome(), r.reason() + "\n" + r.stderr());
        assertTrue(r.stdout().contains("listing ['data_batch_1']"), r.stdout());
        assertTrue(r.stdout().contains("read train-bytes"), r.stdout());
        assertTrue(r.stdout().contains("data read-only"), r.stdout());
        assertTrue(r.stdout().contains("cwd True"), r.stdout());
        assertTrue(r.stderr().contains("done"), r.stderr());
        assertEquals(Files.readString(tmp.resolve("course/data_batch_1")), "train-bytes");
        Path model = r.outputs().get("model.pt");
        assertEquals(7 * 42, Files.size(model));
        assertTrue(model.startsWith(tmp.resolve("collected")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"process", "docker"})
    void testDataNextToTheTrainingDataIsNotInside(String name) throws IOException {
        ScriptResult r = sandbox(name).runScript(job("""
                import os, sys
                for root, dirs, files in os.walk('/'):
                    dirs[:] = [d for d in dirs if root != '/' or d not in ('proc', 'sys', 'dev', 'usr', 'lib', 'lib64', 'bin', 'sbin')]
                    if 'test_batch' in files:
                        print('FOUND', os.path.join(root, 'test_batch'))
                open(os.path.join(os.environ['TG_DATA'], 'test_batch'), 'rb')
                """, Duration.ofSeconds(120)));
        if (name.equals("process")) {
            org.junit.jupiter.api.Assumptions.assumeTrue(((ProcessSandbox) sandbox(name)).usesBubblewrap(),
                    "without bubblewrap the process sandbox shows the whole file system");
        }
        assertEquals(ScriptResult.Outcome.FAILED, r.outcome(), r.stdout());
        assertFalse(r.stdout().contains("FOUND"), r.stdout());
        assertTrue(r.reason().contains("FileNotFoundError") && r.reason().contains("test_batch"), r.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"process", "docker"})
    void scriptPastItsBudgetIsStoppedAndKeepsWhatItWrote(String name) throws IOException {
        ScriptResult r = sandbox(name).runScript(job("""
                import time
                open('early.txt', 'w').write('before the budget')
                print('sleeping', flush=True)
                time.sleep(600)
                """, Duration.ofSeconds(5)));
        assertEquals(ScriptResult.Outcome.TIMED_OUT, r.outcome(), r.reason());
        assertTrue(r.reason().contains("budget of 5 s"), r.reason());
        assertTrue(r.wall().compareTo(Duration.ofSeconds(30)) < 0, r.wall().toString());
        assertTrue(r.stdout().contains("sleeping"), r.stdout());
        assertTrue(r.outputs().containsKey("early.txt"), r.outputs().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"process", "docker"})
    void linksAndOversizedOutputsDoNotComeBack(String name) throws IOException {
        ScriptResult r = sandbox(name).runScript(job("""
                import os
                os.symlink('/etc/passwd', 'model.pt')
                open('big.bin', 'wb').write(b'x' * (2 << 20))
                print('x' * (1 << 20))
                """, Duration.ofSeconds(60)));
        assertEquals(ScriptResult.Outcome.FINISHED, r.outcome(), r.reason());
        assertTrue(r.outputs().isEmpty(), r.outputs().toString());
        assertTrue(r.stdout().contains("more bytes were dropped"), r.stdout().substring(0, 100));
        assertTrue(r.stdout().length() < 300 * 1024);
    }
}
