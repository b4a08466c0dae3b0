package io.tensorgrade.grader.check.code;

import io.tensorgrade.grader.sandbox.ProcessSandbox;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Whether the process sandbox's Python has a module, for tests that skip visibly without it. */
final class FunctionSamplesTestSupport {

    private FunctionSamplesTestSupport() {
    }

    static boolean pythonHas(String module) {
        try {
            Process p = new ProcessBuilder(ProcessSandbox.DEFAULT_PYTHON.toString(), "-I", "-c", "import " + module)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
