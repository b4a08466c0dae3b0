package io.tensorgrade.grader.sandbox.wire;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the host's tools (python, bwrap, docker, debootstrap) in the system folders only, never on a user PATH. */
public final class Executables {
    private static final List<String> BIN = List.of("/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin", "/sbin");

    private Executables() {
    }

    /** The executable {@code name} in the first system folder that has it, or null. */
    public static Path find(String name) {
        for (String dir : BIN) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
