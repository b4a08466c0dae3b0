package io.tensorgrade.grader.batch;

import io.tensorgrade.grader.batch.store.SubmissionStatus;
import io.tensorgrade.grader.engine.ExpectedFiles;
import io.tensorgrade.grader.result.PartResult;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.submission.Submission;
import io.tensorgrade.grader.yaml.DidYouMean;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A graded submission's status for a TA, beyond its score: {@code error} when a part could not be graded (not
 * the student's fault), {@code timeout} when code ran past its limit, {@code needs_review} when the folder is
 * empty, the answers file unreadable or in another encoding, or expected files are missing while similar names
 * are present; {@code graded} otherwise. The reason says which.
 */
public final class Triage {

    /** The status and why. */
    public record Finding(SubmissionStatus status, String reason) {
    }

    private Triage() {
    }

    /** The status of {@code submission}, whose parts came out as {@code results}. */
    public static Finding of(Rubric rubric, Submission submission, Collection<PartResult> results) {
        List<String> errors = results.stream().filter(r -> r.status() == Status.ERROR)
                .map(r -> r.partId() + ": " + r.summary()).toList();
        if (!errors.isEmpty()) {
            return new Finding(SubmissionStatus.ERROR, "not the student's fault: " + String.join("; ", errors));
        }
        List<String> slow = results.stream().filter(PartResult::timedOut).map(PartResult::partId).toList();
        if (!slow.isEmpty()) {
            return new Finding(SubmissionStatus.TIMEOUT, "code ran past its time limit in " + String.join(", ", slow));
        }
        List<String> review = new ArrayList<>(review(rubric, submission));
        List<String> unreadable = results.stream().filter(r -> r.status() == Status.UNREADABLE)
                .map(PartResult::partId).toList();
        if (!unreadable.isEmpty()) {
            review.add("could not read the answer to " + String.join(", ", unreadable));
        }
        if (!review.isEmpty()) {
            return new Finding(SubmissionStatus.NEEDS_REVIEW, String.join("; ", review));
        }
        return new Finding(SubmissionStatus.GRADED, "");
    }

    /** Why a TA should look at the folder; empty when nothing looks wrong. */
    static List<String> review(Rubric rubric, Submission submission) {
        ExpectedFiles files = ExpectedFiles.of(rubric, submission);
        if (files.present().isEmpty()) {
            return List.of("the folder is empty");
        }
        List<String> out = new ArrayList<>();
        submission.answersFile().flatMap(Triage::encodingProblem).ifPresent(out::add);
        if (out.isEmpty()) {
            submission.answersError().ifPresent(e -> out.add("the answers file could not be read: " + e));
        }
        List<String> similar = new ArrayList<>();
        for (String name : files.missing()) {
            similar(name, files.present()).ifPresent(f -> similar.add(name + " is missing but " + f + " is here"));
        }
        out.addAll(similar);
        if (similar.isEmpty() && files.noneFound()) {
            out.add("none of the expected files (" + String.join(", ", files.missing()) + ") is here; the folder"
                    + " holds " + files.holds());
        }
        return out;
    }

    /** A file that is probably {@code expected} under another name: another case, a copy suffix, a typo. */
    static Optional<String> similar(String expected, List<String> files) {
        String want = base(expected);
        for (String f : files) {
            if (base(f).equals(want)) {
                return Optional.of(f);
            }
        }
        List<String> names = files.stream().map(Triage::name).toList();
        return DidYouMean.closest(name(expected), names).flatMap(n -> files.stream().filter(f -> name(f).equals(n))
                .findFirst());
    }

    /** The file name without folders, lower case, without a copy suffix such as " (1)" or "-2" before the extension. */
    private static String base(String path) {
        return name(path).toLowerCase(Locale.ROOT).replaceAll("(\\s*\\(\\d+\\)|[-_ ]copy|-\\d+)(?=\\.[^.]+$)", "")
                .replaceAll("\\.yml$", ".yaml");
    }

    private static String name(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** Why the answers file is not UTF-8 text, or empty when it is. */
    static Optional<String> encodingProblem(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Optional.of(file.getFileName() + " cannot be read: " + e.getMessage());
        }
        String name = file.getFileName().toString();
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            return Optional.of(name + " is UTF-16 text, not UTF-8 (saved by Windows Notepad or PowerShell?)");
        }
        for (int i = 0; i < Math.min(bytes.length, 512); i++) {
            if (bytes[i] == 0) {
                return Optional.of(name + " has NUL bytes: UTF-16 text without a byte-order mark, or not text");
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return Optional.of(name + " is not UTF-8 text (another encoding, e.g. Latin-1 or Windows-1252)");
        }
        return Optional.empty();
    }
}
