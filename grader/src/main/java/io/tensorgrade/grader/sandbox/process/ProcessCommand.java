package io.tensorgrade.grader.sandbox.process;

import io.tensorgrade.grader.sandbox.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line of a harness process: rlimits (prlimit, or a ulimit shell wrapper), then
 * bubblewrap when it works here (no network, new pid/ipc/uts namespaces, read-only system folders,
 * only the job's own folders visible), then Python in isolated mode.
 */
final class ProcessCommand {
    private static final List<String> SYSTEM_DIRS = List.of("/lib", "/lib64", "/lib32", "/bin", "/sbin");
    private static final List<String> ETC_FILES = List.of("/etc/ld.so.cache", "/etc/alternatives", "/etc/passwd",
            "/etc/group", "/etc/localtime", "/etc/python3", "/etc/python3.11");

    private final ProcessTools tools;
    private final Limits limits;

    ProcessCommand(ProcessTools tools, Limits limits) {
        this.tools = tools;
        this.limits = limits;
    }

    /**
     * The full command for {@code python -I -B script args...}.
     *
     * @param readOnly folders the harness reads (job, harness)
     * @param writable folders it writes (out, scratch)
     * @param cwd      the working directory
     * @param asNobody run Python itself as nobody when the grader is root (the scan; the runner drops
     *                 only its worker)
     */
    List<String> build(List<Path> readOnly, List<Path> writable, Path cwd, List<String> pythonArgs,
                       boolean asNobody) {
        List<String> args = new ArrayList<>(List.of("-I", "-B"));
        args.addAll(pythonArgs);
        return build(readOnly, writable, cwd, cwd, List.of(), args, asNobody);
    }

    /**
     * The full command for {@code python pythonArgs...} (flags included, e.g. {@code -B -s script.py}),
     * with {@code tmpfs} (one of {@code writable}) a size-capped tmpfs under bubblewrap and {@code devices}
     * (e.g. /dev/nvidia0) bound in when they exist.
     */
    List<String> build(List<Path> readOnly, List<Path> writable, Path tmpfs, Path cwd, List<String> devices,
                       List<String> pythonArgs, boolean asNobody) {
        List<String> cmd = new ArrayList<>(rlimits());
        if (tools.bwrap() != null) {
            cmd.addAll(bwrap(readOnly, writable, tmpfs, cwd, devices));
        }
        if (asNobody && tools.root() && tools.setpriv() != null) {
            String id = String.valueOf(ProcessTools.NOBODY);
            cmd.addAll(List.of(tools.setpriv().toString(), "--reuid=" + id, "--regid=" + id, "--clear-groups"));
        }
        cmd.add(tools.python().toString());
        cmd.addAll(pythonArgs);
        return cmd;
    }

    private List<String> rlimits() {
        long as = limits.memoryBytes();
        // CPU seconds: the wall-clock limit on each allowed core (a training run may use several threads).
        long cpu = Math.max(1, limits.jobTimeout().toSeconds()) * Math.max(1, (long) Math.ceil(limits.cpus()));
        long fsize = Math.max(limits.scratchBytes(), limits.resultBytes() + (1 << 20));
        long nproc = TaskCount.ofUid(tools.root() ? ProcessTools.NOBODY : tools.uid()) + limits.pids();
        if (tools.prlimit() != null) {
            return List.of(tools.prlimit().toString(), "--as=" + as, "--cpu=" + cpu, "--fsize=" + fsize,
                    "--nofile=" + limits.openFiles(), "--core=0", "--nproc=" + nproc, "--");
        }
        String script = "ulimit -v " + as / 1024 + " && ulimit -t " + cpu + " && ulimit -f " + fsize / 512
                + " && ulimit -n " + limits.openFiles() + " && ulimit -c 0 && (ulimit -u " + nproc
                + " 2>/dev/null || true) && exec \"$@\"";
        return List.of("/bin/sh", "-c", script, "tensorgrade-limits");
    }

    private List<String> bwrap(List<Path> readOnly, List<Path> writable, Path tmpfs, Path cwd, List<String> devices) {
        List<String> b = new ArrayList<>(List.of(tools.bwrap().toString(), "--die-with-parent", "--new-session",
                "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"));
        if (tools.root()) {
            // Real root needs no user namespace; the runner keeps just what it needs to start the
            // worker as nobody and to kill it.
            b.addAll(List.of("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_KILL"));
        } else {
            b.add("--unshare-user");
        }
        b.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String d : SYSTEM_DIRS) {
            Path p = Path.of(d);
            if (Files.isSymbolicLink(p)) {
                b.addAll(List.of("--symlink", linkTarget(p), d));
            } else if (Files.isDirectory(p)) {
                b.addAll(List.of("--ro-bind", d, d));
            }
        }
        b.addAll(List.of("--perms", "0755", "--dir", "/etc"));
        for (String f : ETC_FILES) {
            b.addAll(List.of("--ro-bind-try", f, f));
        }
        Path prefix = tools.python().toAbsolutePath().getParent().getParent();
        if (prefix != null && !prefix.startsWith("/usr") && !prefix.toString().equals("/")) {
            b.addAll(List.of("--ro-bind", prefix.toString(), prefix.toString()));
        }
        String size = String.valueOf(limits.scratchBytes());
        b.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", size, "--tmpfs", "/tmp"));
        for (String d : devices) {
            b.addAll(List.of("--dev-bind-try", d, d));
        }
        java.util.Set<Path> made = new java.util.LinkedHashSet<>();
        for (Path p : concat(readOnly, writable)) {
            // bwrap would create missing parents as 0700, which the worker (nobody) cannot enter.
            for (Path a = p.getParent(); a != null && a.getParent() != null; a = a.getParent()) {
                made.add(a);
            }
        }
        made.stream().sorted().forEach(a -> b.addAll(List.of("--perms", "0755", "--dir", a.toString())));
        for (Path p : readOnly) {
            b.addAll(List.of("--ro-bind", p.toString(), p.toString()));
        }
        for (Path p : writable) {
            if (p.equals(tmpfs)) {
                // The scratch folder is a size-capped tmpfs, so student code cannot fill the host's disk.
                b.addAll(List.of("--perms", "1777", "--size", size, "--tmpfs", p.toString()));
            } else {
                b.addAll(List.of("--bind", p.toString(), p.toString()));
            }
        }
        b.addAll(List.of("--chdir", cwd.toString(), "--"));
        return b;
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String linkTarget(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            return "usr" + p;
        }
    }
}
