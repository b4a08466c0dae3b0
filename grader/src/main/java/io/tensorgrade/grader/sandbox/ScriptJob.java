package io.tensorgrade.grader.sandbox;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A "run a script" job (a training run), as opposed to the function calls of a {@link SandboxJob}: the
 * student's folder is copied in read-only, {@code data} is exposed read-only in one folder whose path the
 * script gets as {@code $TG_DATA} (and {@code {data}} in its arguments), a writable output folder is its
 * working directory ({@code $TG_OUT}, {@code {out}}), and the run has a wall-clock budget. What it writes
 * there comes back as files, each at most {@code maxOutputBytes}, into {@code collectInto}; nothing is
 * read inside the grader until it is out. Only what {@code data} names enters the sandbox.
 *
 * @param code           the student's folder; its regular files (no links, at most {@link #MAX_CODE_BYTES}) are copied
 * @param script         the script to run, a path inside {@code code}, e.g. {@code train.py}
 * @param args           its arguments; {@code {data}}, {@code {out}} and {@code {device}} are replaced
 * @param data           file name inside the data folder to the file on this machine
 * @param collectInto    a folder on this machine for the files the script wrote (created when missing)
 * @param gpu            give the run the GPU(s); the caller asks {@link Sandbox#gpu()} first
 * @param limits         {@code jobTimeout} is the budget; memory, CPUs, processes, {@code scratchBytes} (the
 *                       output folder's size) and {@code logBytes} (how much of stdout and stderr is kept)
 * @param maxOutputBytes the largest file that comes back
 */
public record ScriptJob(Path code, String script, List<String> args, Map<String, Path> data, Path collectInto,
                        boolean gpu, Limits limits, long maxOutputBytes) {
    /** The student's folder may hold at most this much (checkpoints they submitted included). */
    public static final long MAX_CODE_BYTES = 256L << 20;

    public ScriptJob {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(collectInto, "collectInto");
        Objects.requireNonNull(limits, "limits");
        if (script == null || script.isBlank() || script.startsWith("/")
                || List.of(script.replace('\\', '/').split("/")).contains("..")) {
            throw new IllegalArgumentException("script='" + script + "' must be a relative path inside the submission");
        }
        args = List.copyOf(args);
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        data.keySet().forEach(n -> Names.file("data file", n));
        if (maxOutputBytes < 1024) {
            throw new IllegalArgumentException("maxOutputBytes=" + maxOutputBytes + " must be at least 1024");
        }
    }

    /** The arguments with the placeholders replaced. */
    public List<String> argsFor(String dataDir, String outDir, String device) {
        return args.stream().map(a -> a.replace("{data}", dataDir).replace("{out}", outDir)
                .replace("{device}", device)).toList();
    }

    /** The environment the script sees besides PATH, HOME, TMPDIR and LANG. */
    public Map<String, String> env(String dataDir, String outDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TG_DATA", dataDir);
        env.put("TG_OUT", outDir);
        env.put("TG_DEVICE", gpu ? "cuda" : "cpu");
        env.put("TG_BUDGET_S", String.valueOf(limits.jobTimeout().toSeconds()));
        String threads = String.valueOf(Math.max(1, (int) Math.ceil(limits.cpus())));
        env.put("OMP_NUM_THREADS", threads);
        env.put("MKL_NUM_THREADS", threads);
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONUNBUFFERED", "1");
        env.put("MPLBACKEND", "Agg");
        return env;
    }
}
