package io.tensorgrade.grader.engine;

import io.tensorgrade.grader.rubric.Part;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.submission.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files a rubric expects in a submission (the answers file when a part is answered there, each code part's
 * file, each checkpoint) against what the folder holds, so that an empty folder or one with none of them gets a
 * warning that says what was expected and what was there, never a silent zero.
 *
 * @param expected one name per thing expected (the first of a part's accepted names), in rubric order
 * @param missing  the expected names not found (exactly, in another letter case or one folder down)
 * @param present  the folder's files, relative, without hidden files and macOS metadata
 */
public record ExpectedFiles(List<String> expected, List<String> missing, List<String> present) {

    public ExpectedFiles {
        expected = List.copyOf(expected);
        missing = List.copyOf(missing);
        present = List.copyOf(present);
    }

    /** What {@code rubric} expects of {@code submission}, and what is missing. */
    public static ExpectedFiles of(Rubric rubric, Submission submission) {
        LinkedHashSet<String> expected = new LinkedHashSet<>();
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        if (rubric.parts().stream().anyMatch(p -> p.check().needsAnswer())) {
            expected.add(Submission.ANSWER_FILES.get(0));
            if (submission.answersFile().isEmpty()) {
                missing.add(Submission.ANSWER_FILES.get(0));
            }
        }
        for (Part p : rubric.parts()) {
            List<String> names = p.check().submittedFiles();
            if (names.isEmpty() || !expected.add(names.get(0))) {
                continue;
            }
            if (names.stream().noneMatch(n -> submission.locate(n).isPresent())) {
                missing.add(names.get(0));
            }
        }
        return new ExpectedFiles(List.copyOf(expected), List.copyOf(missing), files(submission.dir()));
    }

    /** Whether the rubric expects files and none of them is there. */
    public boolean noneFound() {
        return !expected.isEmpty() && missing.size() == expected.size();
    }

    /** The folder's files in a few words, e.g. "report.pdf, notes.txt and 3 more". */
    public String holds() {
        return String.join(", ", present.stream().limit(5).toList()) + (present.size() > 5 ? " and "
                + (present.size() - 5) + " more" : "");
    }

    /** The warning for the report when the folder is empty or holds none of the expected files; empty otherwise. */
    public Optional<String> warning() {
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        String wanted = String.join(", ", expected);
        if (present.isEmpty()) {
            return Optional.of("The submission folder is empty: this assignment expects " + wanted + ".");
        }
        if (noneFound()) {
            return Optional.of("None of the files this assignment expects (" + wanted + ") is in the submission; it"
                    + " holds " + holds() + ".");
        }
        return Optional.empty();
    }

    private static List<String> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(r -> Stream.of(r.split("/")).allMatch(Submission::isStudentEntry))
                    .sorted().toList();
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }
}
