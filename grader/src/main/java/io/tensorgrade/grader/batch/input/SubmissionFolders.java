package io.tensorgrade.grader.batch.input;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.submission.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What is at the top of a folder, as a class sees it: the folders (one per submission) and the files,
 * without hidden entries and the {@code __MACOSX} folder that Finder adds to zips. Also tells a folder
 * that is one student's submission from a folder of them, since grading either as the other is silent.
 */
final class SubmissionFolders {

    /** The visible folders and files at the top of a folder, each sorted by name. */
    record Listing(List<Path> folders, List<Path> files) {
        Listing {
            folders = List.copyOf(folders);
            files = List.copyOf(files);
        }
    }

    private SubmissionFolders() {
    }

    static Listing list(Path dir) {
        List<Path> folders = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!Submission.isStudentEntry(name)) {
                    continue;
                }
                (Files.isDirectory(p) ? folders : files).add(p);
            }
        } catch (IOException e) {
            throw new GraderException("Cannot list " + dir + ": " + e.getMessage() + "; check that it is readable.", e);
        }
        return new Listing(folders, files);
    }

    /**
     * Why {@code listing} looks like one submission rather than a class, or null when it does not: an
     * answers file at its top (a class never has one; a student's often sits next to a package folder such
     * as {@code nndl/}), or Python files and no folder at all.
     */
    static String oneSubmissionSign(Listing listing) {
        for (Path f : listing.files()) {
            if (Submission.ANSWER_FILES.contains(f.getFileName().toString())) {
                return f.getFileName() + " at its top";
            }
        }
        if (listing.folders().isEmpty()) {
            for (Path f : listing.files()) {
                if (f.getFileName().toString().endsWith(".py")) {
                    return f.getFileName() + " and no folders at its top";
                }
            }
        }
        return null;
    }

    /**
     * The folder that holds the submissions: {@code dir} itself, or its only entry when that is a folder
     * holding a Gradescope export's metadata or, for a zip ({@code fromZip}), a folder of folders that is
     * not itself a submission (zips made with "Compress class" wrap everything in one folder).
     */
    static Path unwrap(Path dir, boolean fromZip) {
        Listing top = list(dir);
        if (!top.files().isEmpty() || top.folders().size() != 1) {
            return dir;
        }
        Path only = top.folders().get(0);
        if (Files.isRegularFile(only.resolve(GradescopeMetadata.FILE))) {
            return only;
        }
        if (!fromZip) {
            return dir;
        }
        Listing inner = list(only);
        return !inner.folders().isEmpty() && oneSubmissionSign(inner) == null ? only : dir;
    }
}
