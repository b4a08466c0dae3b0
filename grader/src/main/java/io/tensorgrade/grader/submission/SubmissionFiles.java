package io.tensorgrade.grader.submission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a file the rubric names in a submission folder the way uploads really look: letter case changed by the
 * student or their OS ({@code Answers.YAML}, {@code GetImageNetClasses.py}) and, when the top of the upload is a
 * single folder ({@code hw3/}), that folder standing for the top. Hidden entries and {@code __MACOSX} never count.
 */
final class SubmissionFiles {

    private SubmissionFiles() {
    }

    /** Where {@code dir} holds {@code relative} (exactly, then ignoring case, then one folder down); empty when not. */
    static Optional<Path> locate(Path dir, String relative) {
        Optional<Path> here = walk(dir, relative);
        if (here.isPresent()) {
            return here;
        }
        List<Path> top = visible(dir);
        if (top.size() == 1 && Files.isDirectory(top.get(0))) {
            String first = relative.replace('\\', '/').split("/")[0];
            if (!top.get(0).getFileName().toString().equalsIgnoreCase(first)) {
                return walk(top.get(0), relative);
            }
        }
        return Optional.empty();
    }

    /** {@code relative} under {@code dir}, each segment matched exactly or else ignoring case (when unambiguous). */
    private static Optional<Path> walk(Path dir, String relative) {
        Path at = dir;
        String[] segments = relative.replace('\\', '/').split("/");
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            Path exact = at.resolve(segment);
            boolean last = i == segments.length - 1;
            if (last ? Files.isRegularFile(exact) : Files.isDirectory(exact)) {
                at = exact;
                continue;
            }
            List<Path> folded = visible(at).stream().filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .equals(segment.toLowerCase(Locale.ROOT))).filter(p -> last ? Files.isRegularFile(p)
                    : Files.isDirectory(p)).toList();
            if (folded.size() != 1) {
                return Optional.empty();
            }
            at = folded.get(0);
        }
        return Optional.of(at);
    }

    /** The entries of {@code dir} a student put there (no hidden files, no {@code __MACOSX}), sorted. */
    static List<Path> visible(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Submission.isStudentEntry(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
