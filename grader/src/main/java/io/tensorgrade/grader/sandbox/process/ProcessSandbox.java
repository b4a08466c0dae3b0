package io.tensorgrade.grader.sandbox.process;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.SandboxJob;
import io.tensorgrade.grader.sandbox.SandboxResult;
import io.tensorgrade.grader.sandbox.ScriptJob;
import io.tensorgrade.grader.sandbox.ScriptResult;
import io.tensorgrade.grader.sandbox.wire.JobRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs student code as local Python processes: for Gradescope's own container and for students'
 * machines without Docker. It isolates less than {@link DockerSandbox}: rlimits instead of cgroups,
 * and without bubblewrap no network or filesystem isolation at all. {@link #isolation()} says
 * exactly what applies on this machine.
 */
public final class ProcessSandbox implements Sandbox {
    /** The interpreter used unless told otherwise (Debian's, with numpy and torch from apt). */
    public static final Path DEFAULT_PYTHON = Path.of("/usr/bin/python3");

    private final ProcessTools tools;

    private ProcessSandbox(ProcessTools tools) {
        this.tools = tools;
    }

    /** A process sandbox using {@code python}; checks that it exists and probes bubblewrap and prlimit. */
    public static ProcessSandbox create(Path python) {
        if (!Files.isExecutable(python)) {
            throw new GraderException("the Python interpreter " + python + " does not exist or is not executable; "
                    + "pass --python with one that has numpy (and torch for torch assignments)");
        }
        return new ProcessSandbox(ProcessTools.detect(python));
    }

    /** A process sandbox with {@link #DEFAULT_PYTHON}. */
    public static ProcessSandbox create() {
        return create(DEFAULT_PYTHON);
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public String isolation() {
        List<String> has = new ArrayList<>();
        has.add("a separate Python process with rlimits (address space, CPU seconds, processes, file size, "
                + "open files), a wall-clock timeout that kills its process tree, a fresh scratch folder and a "
                + "scrubbed environment");
        if (tools.root()) {
            has.add("student code running as uid " + ProcessTools.NOBODY + " (nobody)");
        }
        String base = "Process sandbox (isolates less than Docker): " + String.join("; ", has);
        if (tools.bwrap() != null) {
            return base + "; bubblewrap: no network, own pid namespace, only the job's folders and read-only "
                    + "system folders visible.";
        }
        return base + "; NO bubblewrap here, so the code can use the network and read every file this user "
                + "can read" + (tools.root() ? " (as nobody)" : "") + ", and memory is limited per process, not in total.";
    }

    /** Whether student code runs under another uid than the grader (when the grader is root). */
    public boolean separateUser() {
        return tools.root();
    }

    /** Whether bubblewrap is in use on this machine. */
    public boolean usesBubblewrap() {
        return tools.bwrap() != null;
    }

    @Override
    public ScriptResult runScript(ScriptJob job) {
        return ProcessScriptRunner.run(job, tools, name(), isolation());
    }

    /** Whether NVIDIA device nodes exist here (the script's Python must have a CUDA build of torch). */
    @Override
    public boolean gpu() {
        return ProcessScriptRunner.gpuPresent();
    }

    @Override
    public SandboxResult run(SandboxJob job) {
        return JobRunner.run(job, name(), isolation(), () -> new ProcessBackend(tools, job.limits()));
    }
}
