package io.tensorgrade.grader.submission;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.yaml.DidYouMean;
import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlNode;
import io.tensorgrade.grader.yaml.YamlReader;
import io.tensorgrade.grader.yaml.YamlScalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A student's submission: a folder with an answers file ({@code answers.yaml}, {@code answers.yml}
 * or {@code answers.json}) and any other files. A malformed answers file does not fail the whole
 * submission: the parts that need an answer get zero with the parse error, the others are graded.
 */
public final class Submission {

    /** The answers files looked for, in order of preference. */
    public static final List<String> ANSWER_FILES = List.of("answers.yaml", "answers.yml", "answers.json");

    /**
     * Whether a file or folder name in an upload is the student's: not hidden ({@code .DS_Store}, {@code .git}) and
     * not the {@code __MACOSX} folder Finder adds to zips. The one rule for what counts in a submission.
     */
    public static boolean isStudentEntry(String name) {
        return !name.startsWith(".") && !name.equals("__MACOSX");
    }

    /** Answers files larger than this are refused rather than parsed. */
    static final long MAX_ANSWERS_BYTES = 4L << 20;

    private final Path dir;
    private final Path answersFile;
    private final YamlMap answers;
    private final String answersError;
    private final List<String> warnings;
    private final Set<String> partIds;
    /** Entries of a YAML file with a syntax error that could not be read, by key: why. */
    private final Map<String, String> broken;

    private Submission(Path dir, Path answersFile, YamlMap answers, String answersError, List<String> warnings) {
        this(dir, answersFile, answers, answersError, warnings, Set.of(), Map.of());
    }

    private Submission(Path dir, Path answersFile, YamlMap answers, String answersError, List<String> warnings,
                       Set<String> partIds, Map<String, String> broken) {
        this.dir = dir;
        this.answersFile = answersFile;
        this.answers = answers;
        this.answersError = answersError;
        this.warnings = List.copyOf(warnings);
        this.partIds = Set.copyOf(partIds);
        this.broken = Map.copyOf(broken);
    }

    /**
     * This submission, told the rubric's part ids, so that a missing answer can point at a
     * mistyped entry ({@code q1_c} for {@code q1c}) rather than at another part's answer.
     */
    public Submission expecting(Collection<String> rubricPartIds) {
        return new Submission(dir, answersFile, answers, answersError, warnings, Set.copyOf(rubricPartIds), broken);
    }

    /** Opens the submission folder {@code dir}; fails only when the folder itself is missing. */
    public static Submission open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new GraderException("The submission folder " + dir + " does not exist or is not a folder.");
        }
        List<String> warnings = new ArrayList<>();
        List<Path> present = ANSWER_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
        if (present.isEmpty()) {
            // Answers.YAML, or hw3/answers.yaml in an upload that kept its folder: read it, and say where it was.
            Optional<Path> elsewhere = ANSWER_FILES.stream().map(n -> SubmissionFiles.locate(dir, n))
                    .flatMap(Optional::stream).findFirst();
            if (elsewhere.isEmpty()) {
                return new Submission(dir, null, null, null, warnings);
            }
            String found = dir.toAbsolutePath().normalize().relativize(elsewhere.get().toAbsolutePath().normalize())
                    .toString().replace('\\', '/');
            warnings.add("No answers.yaml at the top of the submission; " + found + " was read instead.");
            return read(dir, elsewhere.get(), warnings);
        }
        Path file = present.get(0);
        if (present.size() > 1) {
            warnings.add("Several answers files found (" + names(present) + "); only "
                    + file.getFileName() + " was read.");
        }
        return read(dir, file, warnings);
    }

    private static Submission read(Path dir, Path file, List<String> warnings) {
        String name = file.getFileName().toString();
        try {
            long size = Files.size(file);
            if (size > MAX_ANSWERS_BYTES) {
                return new Submission(dir, file, null, name + " is too large (" + size + " bytes; the limit is "
                        + MAX_ANSWERS_BYTES + ")", warnings);
            }
        } catch (IOException e) {
            return new Submission(dir, file, null, name + ": cannot read the file: " + e.getMessage(), warnings);
        }
        AnswersFileText text;
        try {
            text = AnswersFileText.decode(name, Files.readAllBytes(file));
        } catch (IOException e) {
            return new Submission(dir, file, null, name + ": cannot read the file: " + e.getMessage(), warnings);
        }
        if (!text.note().isEmpty()) {
            warnings.add(text.note());
        }
        boolean json = name.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        YamlReader.Result result = json ? YamlReader.readJson(text.text()) : YamlReader.readYaml(text.text());
        if (result.root() == null) {
            Problem p = result.problems().get(0);
            AnswerRecovery recovered = json ? null : AnswerRecovery.of(text.text());
            if (recovered == null || recovered.answers().keys().isEmpty()) {
                return new Submission(dir, file, null, name + ":" + p.line() + ": " + p.describe(), warnings);
            }
            // Grade every entry that can still be read; each broken one is reported once, where it starts.
            recovered.broken().forEach((key, why) -> warnings.add(name + ": the entry '" + key + "' could not be read ("
                    + why + "); every other entry was read."));
            return new Submission(dir, file, recovered.answers(), null, warnings, Set.of(), recovered.broken());
        }
        if (!(result.root() instanceof YamlMap map)) {
            return new Submission(dir, file, null, name + ":" + result.root().line()
                    + ": expected a mapping from part id to answer (like 'q1a: 42'), found "
                    + result.root().describe(), warnings);
        }
        for (Problem p : result.problems()) {
            warnings.add(name + ":" + p.line() + ": " + p.describe());
        }
        return new Submission(dir, file, map, null, warnings);
    }

    /** The submission folder. */
    public Path dir() {
        return dir;
    }

    /** The answers file that was read, if there is one. */
    public Optional<Path> answersFile() {
        return Optional.ofNullable(answersFile);
    }

    /** Why the answers file could not be used ({@code answers.yaml:3: syntax error ...}), if it could not. */
    public Optional<String> answersError() {
        return Optional.ofNullable(answersError);
    }

    /** Notes about the submission that do not cost points (duplicate keys, several answers files). */
    public List<String> warnings() {
        return warnings;
    }

    /** The part ids that have an entry in the answers file. */
    public Set<String> answeredIds() {
        return answers == null ? Set.of() : answers.keys();
    }

    /**
     * The answer to part {@code partId}.
     *
     * @throws AnswerUnavailableException when there is no usable answer; its message says why
     */
    public Answer answer(String partId) {
        if (answersError != null) {
            throw new AnswerUnavailableException("No answer for " + partId + ": the answers file could not be read: "
                    + answersError, true);
        }
        if (broken.containsKey(partId)) {
            throw new AnswerUnavailableException("Could not read the answer to " + partId + " in "
                    + answersFile.getFileName() + ", " + broken.get(partId) + ". Every other answer was read; fix"
                    + " this entry's YAML (quote an answer that holds ':', '#', '[' or '{', e.g. " + partId
                    + ": \"[3, 3]\").", true);
        }
        if (answers == null) {
            throw new AnswerUnavailableException("No answer for " + partId
                    + ": the submission has no answers.yaml (nor answers.yml or answers.json).");
        }
        String name = answersFile.getFileName().toString();
        YamlNode value = answers.get(partId);
        if (value == null) {
            // Only entries that answer no part of the rubric can be typos of this one.
            String near = partIds.isEmpty() ? "" : DidYouMean.closest(partId, unknownIds(partIds))
                    .map(k -> " (line " + answers.lineOf(k) + " has '" + k + "': if it is meant for " + partId
                            + ", rename it)")
                    .orElse("");
            throw new AnswerUnavailableException("No answer for " + partId + " in " + name + near + ".");
        }
        if (value instanceof YamlScalar s && s.isNull()) {
            throw new AnswerUnavailableException("No answer for " + partId + " in " + name
                    + ": the entry at line " + answers.lineOf(partId) + " is empty.");
        }
        return new Answer(partId, value, name);
    }

    /**
     * Warnings for answers whose id is not a part of the rubric, with a did-you-mean suggestion:
     * {@code answers.yaml:7: 'q1d' is not a part of this assignment (did you mean 'q1c'?); it was ignored}.
     */
    public List<String> unknownAnswerWarnings(Collection<String> partIds) {
        List<String> out = new ArrayList<>();
        for (String id : unknownIds(partIds)) {
            out.add(answersFile.getFileName() + ":" + answers.lineOf(id) + ": '" + id
                    + "' is not a part of this assignment" + DidYouMean.hint(id, partIds) + "; it was ignored.");
        }
        return out;
    }

    private List<String> unknownIds(Collection<String> partIds) {
        if (answers == null) {
            return List.of();
        }
        return answers.keys().stream().filter(k -> !partIds.contains(k)).toList();
    }

    /**
     * Where the submission holds {@code relative}: at that path, else with other letter case
     * ({@code GetImageNetClasses.py}), else one folder down when the top of the submission is a single folder (an
     * upload that kept its folder, {@code hw3/...}); empty when none.
     *
     * @throws GraderException when the path leaves the submission folder
     */
    public Optional<Path> locate(String relative) {
        file(relative);  // refuses paths that leave the folder
        return SubmissionFiles.locate(dir, relative);
    }

    /**
     * A file of the submission, by a path relative to its folder.
     *
     * @throws GraderException when the path leaves the submission folder
     */
    public Path file(String relative) {
        Path root = dir.toAbsolutePath().normalize();
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw new GraderException("The file '" + relative + "' is outside the submission folder.");
        }
        return resolved;
    }

    private static String names(List<Path> paths) {
        return String.join(", ", paths.stream().map(p -> p.getFileName().toString()).toList());
    }
}
