package io.tensorgrade.grader.sandbox.process;

import io.tensorgrade.grader.sandbox.wire.Executables;
import io.tensorgrade.grader.sandbox.wire.Permissions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the process sandbox can use on this machine: the Python, prlimit, bubblewrap, root.
 *
 * @param python  the interpreter (with numpy, and torch for torch steps)
 * @param prlimit the prlimit binary, or null (a {@code ulimit} shell wrapper is used instead)
 * @param bwrap   a bubblewrap binary that works here, or null
 * @param setpriv the setpriv binary (to run the scan as nobody when root), or null
 * @param uid     the JVM's uid (-1 when unknown); as root, student code runs as {@link #NOBODY}
 */
public record ProcessTools(Path python, Path prlimit, Path bwrap, Path setpriv, int uid) {
    static final int NOBODY = 65534;

    static ProcessTools detect(Path python) {
        Path bwrap = Executables.find("bwrap");
        return new ProcessTools(python, Executables.find("prlimit"), bwrap != null && bwrapWorks(bwrap) ? bwrap : null,
                Executables.find("setpriv"), Permissions.currentUid());
    }

    boolean root() {
        return uid == 0;
    }


    /** bwrap may be installed but refused by the kernel (no user namespaces); try it once. */
    private static boolean bwrapWorks(Path bwrap) {
        List<String> cmd = new java.util.ArrayList<>(List.of(bwrap.toString(), "--unshare-all", "--die-with-parent"));
        cmd.addAll(List.of("--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64",
                "/lib64", "--symlink", "usr/bin", "/bin", "--proc", "/proc", "--dev", "/dev", "/bin/true"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
