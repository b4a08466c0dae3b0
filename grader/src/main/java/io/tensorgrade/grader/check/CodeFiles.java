package io.tensorgrade.grader.check;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.sandbox.StudentFile;
import io.tensorgrade.grader.submission.Submission;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files that travel into the sandbox with a code part's graded file, with their package layout kept:
 * the student's own course modules ({@code support: ["nndl/*.py"]}, so {@code from nndl.layers import *}
 * works) and the course's files ({@code provided: {dir: starter, files: ["nndl/fast_layers.py"]}}), which
 * fill in what the student did not submit. The student's own file always wins.
 *
 * @param support     globs relative to the submission folder
 * @param providedDir the folder of the course's files (resolved against the rubric's folder); null when none
 * @param provided    the course's files, as globs relative to {@code providedDir}
 * @param alternatives other names the graded file may have ({@code file: [hw4.ipynb, hw4.py]}: either may be
 *                     submitted), tried in order after the first
 */
public record CodeFiles(List<String> support, Path providedDir, List<String> provided, List<String> alternatives) {

    /** A part whose graded file has one name. */
    public CodeFiles(List<String> support, Path providedDir, List<String> provided) {
        this(support, providedDir, provided, List.of());
    }

    /** The rubric keys of a code part that this reads ({@link #gradedFile} and {@link #read}). */
    public static final Set<String> KEYS = Set.of("file", "support", "provided");

    /** More files than this in one part's set is a mistake in the rubric or a hostile submission. */
    static final int MAX_FILES = 64;
    private static final int MAX_DEPTH = 8;
    /** A code part's {@code file}: a .py or .ipynb path in the submission, up to 8 folders deep. */
    private static final Pattern GRADED = Pattern.compile(
            "([A-Za-z0-9_][A-Za-z0-9_.-]*/){0,7}[A-Za-z0-9_][A-Za-z0-9_.-]*\\.(py|ipynb)");

    public CodeFiles {
        support = List.copyOf(support);
        provided = List.copyOf(provided);
        alternatives = List.copyOf(alternatives);
    }

    /**
     * Reads a code part's {@code file}: one name, or a list of names of which the student submits any
     * ({@code [hw4.ipynb, hw4.py]}); returns the first (the others are {@link #alternatives}). A path that is not a
     * .py or .ipynb file is reported on the field.
     */
    public static String gradedFile(ConfigReader config) {
        List<String> names = names(config);
        return names.isEmpty() ? "" : names.get(0);
    }

    private static List<String> names(ConfigReader config) {
        if (!config.has("file")) {
            config.string("file");  // reports the missing field
            return List.of();
        }
        List<String> names = config.strings("file");
        for (String file : names) {
            if (!GRADED.matcher(file).matches()) {
                config.error("file", "expected a .py or .ipynb file name in the submission folder (a path such as"
                        + " nndl/conv_layers.py keeps its package), found '" + file + "'");
            }
        }
        if (names.isEmpty()) {
            config.error("file", "expected a file name or a list of them, e.g. [hw4.ipynb, hw4.py]");
        }
        return names;
    }

    /**
     * Reads {@code support} and {@code provided} of a code part; problems go to {@code config} with the field.
     * A provided glob that matches no file is an error: the course forgot to ship it.
     */
    public static CodeFiles read(ConfigReader config) {
        List<String> support = config.strings("support");
        for (String glob : support) {
            if (glob.startsWith("/") || glob.contains("..")) {
                config.error("support", "expected globs relative to the submission folder, found '" + glob + "'");
            }
        }
        Path dir = null;
        List<String> provided = List.of();
        var section = config.map("provided", List.of("dir", "files"));
        if (section.isPresent()) {
            ConfigReader p = section.get();
            String dirText = p.string("dir", ".");
            dir = config.baseDir() == null ? Path.of(dirText) : config.baseDir().resolve(dirText).normalize();
            provided = p.strings("files");
            if (!Files.isDirectory(dir)) {
                p.error("dir", "the folder " + dir + " does not exist");
            } else if (provided.isEmpty()) {
                p.error("files", "expected the course files to provide, as globs relative to " + dirText);
            } else {
                for (String glob : provided) {
                    if (matches(dir, List.of(glob)).isEmpty()) {
                        p.error("files", "'" + glob + "' matches no file under " + dir);
                    }
                }
            }
        }
        List<String> names = config.has("file") ? config.strings("file") : List.of();
        return new CodeFiles(support, dir, provided, names.size() > 1 ? names.subList(1, names.size()) : List.of());
    }

    /**
     * Where the submission holds {@code graded} (a rubric path such as {@code nndl/conv_layers.py}): at that
     * path, or, when the submission has no such folder, at its top (Gradescope uploads files without their
     * folder). Null when it is in neither place.
     */
    public static Path locate(Submission submission, String graded) {
        Optional<Path> found = submission.locate(graded);
        if (found.isPresent()) {
            return found.get();
        }
        Path folder = Path.of(graded).getParent();
        if (folder != null && submission.locate(folder.toString()).isEmpty()) {
            return submission.locate(String.valueOf(Path.of(graded).getFileName())).orElse(null);
        }
        return null;
    }

    /**
     * The files of a job that grades {@code graded} (as the rubric names it, found at {@code gradedFile}), and
     * notes for the student about files found elsewhere and course files used in place of theirs.
     */
    public Staged stage(Submission submission, String graded, Path gradedFile) {
        Map<String, StudentFile> files = new LinkedHashMap<>();
        files.put(graded, new StudentFile(graded, gradedFile));
        List<String> notes = new ArrayList<>();
        Path root = submission.dir().toAbsolutePath().normalize();
        String folder = Path.of(graded).getParent() == null ? null : Path.of(graded).getParent().toString()
                .replace('\\', '/');
        Path found = gradedFile.toAbsolutePath().normalize();
        boolean moved = !found.equals(submission.file(graded));
        boolean flat = moved && folder != null && root.equals(found.getParent());
        if (flat) {
            notes.add(graded + " was not in your submission; " + Path.of(graded).getFileName() + " at its top was"
                    + " graded in its place (as part of the " + folder + " package).");
        } else if (moved) {
            notes.add(graded + " was not in your submission under that name; " + root.relativize(found).toString()
                    .replace('\\', '/') + " was graded in its place.");
        }
        if (!support.isEmpty()) {
            matches(root, support).forEach((name, path) -> files.putIfAbsent(name, new StudentFile(name, path)));
            if (flat) {
                // Files uploaded without their folder: the top of the submission stands in for it.
                List<String> inFolder = support.stream().filter(g -> g.startsWith(folder + "/"))
                        .map(g -> g.substring(folder.length() + 1)).toList();
                matches(root, inFolder).forEach((name, path) -> {
                    if (!name.contains("/")) {
                        files.putIfAbsent(folder + "/" + name, new StudentFile(folder + "/" + name, path));
                    }
                });
            }
        }
        if (providedDir != null) {
            List<String> substituted = new ArrayList<>();
            PathMatcher expected = matcher(support);
            matches(providedDir, provided).forEach((name, path) -> {
                if (!files.containsKey(name)) {
                    files.put(name, new StudentFile(name, path));
                    if (expected.matches(Path.of(name)) && imports(gradedFile, graded, name)) {
                        substituted.add(name);
                    }
                }
            });
            if (!substituted.isEmpty()) {
                notes.add(String.join(", ", substituted) + (substituted.size() == 1 ? " is" : " are")
                        + " not in your submission, so the course's starter " + (substituted.size() == 1 ? "copy was"
                        : "copies were") + " used; submit your own if your code needs your version.");
            }
        }
        if (files.size() > MAX_FILES) {
            throw new GraderException("The part's files (" + graded + " with support/provided) are more than "
                    + MAX_FILES + "; narrow the globs of support: " + support);
        }
        return new Staged(List.copyOf(files.values()), notes);
    }

    /**
     * Whether the graded file's text imports the module of {@code file} (nndl/layers.py: {@code nndl.layers},
     * or {@code .layers} from inside the nndl package); a file it cannot read imports nothing.
     */
    static boolean imports(Path gradedFile, String graded, String file) {
        String module = file.replaceFirst("(/__init__)?\\.py$", "").replace('/', '.');
        String leaf = module.substring(module.lastIndexOf('.') + 1);
        String pkg = module.contains(".") ? module.substring(0, module.lastIndexOf('.')) : "";
        String gradedPkg = graded.contains("/") ? graded.substring(0, graded.lastIndexOf('/')).replace('/', '.') : "";
        String text;
        try {
            text = Files.readString(gradedFile, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        String m = Pattern.quote(module);
        String l = Pattern.quote(leaf);
        String absolute = "(?m)^\\s*(from\\s+" + m + "\\s+import|import\\s+[^\\n#]*\\b" + m + "\\b|from\\s+"
                + Pattern.quote(pkg.isEmpty() ? "\u0000" : pkg) + "\\s+import\\s+[^\\n#]*\\b" + l + "\\b)";
        String relative = "(?m)^\\s*(from\\s+\\." + l + "\\s+import|from\\s+\\.\\s+import\\s+[^\\n#]*\\b" + l + "\\b)";
        return Pattern.compile(absolute).matcher(text).find()
                || pkg.equals(gradedPkg) && Pattern.compile(relative).matcher(text).find();
    }

    /** The files of a part's job and what the student should be told about them. */
    public record Staged(List<StudentFile> files, List<String> notes) {
        public Staged {
            files = List.copyOf(files);
            notes = List.copyOf(notes);
        }
    }

    /** The regular files under {@code root} that match one of {@code globs}, by their relative path. */
    private static Map<String, Path> matches(Path root, List<String> globs) {
        Map<String, Path> out = new LinkedHashMap<>();
        PathMatcher m = matcher(globs);
        try (Stream<Path> walk = Files.walk(root, MAX_DEPTH, new FileVisitOption[0])) {
            for (Path p : walk.sorted().toList()) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Path rel = root.relativize(p);
                String name = rel.toString().replace('\\', '/');
                if (m.matches(rel) && StudentFile.validName(name) && !name.contains("__pycache__")) {
                    out.put(name, p);
                    if (out.size() > MAX_FILES) {
                        break;
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new GraderException("cannot list the files under " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static PathMatcher matcher(List<String> globs) {
        List<PathMatcher> ms = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        return p -> ms.stream().anyMatch(m -> m.matches(p));
    }
}
