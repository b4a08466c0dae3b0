package io.tensorgrade.grader.batch.input;

import io.tensorgrade.grader.GraderException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The work behind {@link ClassInput#read}: tells a zip from a folder, unpacks, finds the folder that holds
 * the submissions and reads it as a Gradescope export (when it has {@code submission_metadata.yml}) or as
 * a plain folder of submission folders.
 */
final class InputReader {

    private static final String KINDS = "a folder with one folder per submission, a zip of such folders,"
            + " or a Gradescope export (zip or folder)";

    private final SafeUnzip unzip;

    InputReader(SafeUnzip unzip) {
        this.unzip = unzip;
    }

    ClassInput read(Path input, Path unpackDir) {
        Path in = Objects.requireNonNull(input, "input").toAbsolutePath().normalize();
        Path base;
        boolean zipped = false;
        if (Files.isDirectory(in)) {
            base = in;
        } else if (!Files.exists(in)) {
            throw new GraderException("INPUT " + in + " does not exist; pass " + KINDS + ".");
        } else if (isZip(in)) {
            Objects.requireNonNull(unpackDir, "unpackDir is needed to read a zip");
            base = ZipUnpack.unpack(in, unpackDir, unzip);
            zipped = true;
        } else {
            throw new GraderException("INPUT " + in + " is a file but not a zip; pass " + KINDS + ".");
        }
        Path root = SubmissionFolders.unwrap(base, zipped);
        String where = root.equals(base) ? in.toString() : in + " (in its folder " + base.relativize(root) + ")";
        List<String> notes = new ArrayList<>();
        SubmissionFolders.Listing top = withoutRunFolder(SubmissionFolders.list(root), unpackDir, notes);
        ClassInput read = Files.isRegularFile(root.resolve(GradescopeMetadata.FILE))
                ? export(where, root, top) : folders(where, top);
        notes.addAll(read.notes());
        return new ClassInput(read.submissions(), notes);
    }

    /**
     * The listing less a folder that holds this run's own files ({@code regrade --out class/run class} is
     * easy to type).
     */
    private static SubmissionFolders.Listing withoutRunFolder(SubmissionFolders.Listing top, Path unpackDir,
                                                              List<String> notes) {
        if (unpackDir == null) {
            return top;
        }
        Path run = unpackDir.toAbsolutePath().normalize();
        List<Path> folders = new ArrayList<>();
        for (Path f : top.folders()) {
            if (run.startsWith(f)) {
                notes.add("skipped folder " + f.getFileName() + " of INPUT: it holds this run's own files.");
            } else {
                folders.add(f);
            }
        }
        return new SubmissionFolders.Listing(folders, top.files());
    }

    /** A folder of submission folders: each folder is a submission, named by the folder. */
    private static ClassInput folders(String where, SubmissionFolders.Listing top) {
        String sign = SubmissionFolders.oneSubmissionSign(top);
        if (sign != null) {
            throw new GraderException("INPUT " + where + " looks like one submission (it has " + sign
                    + "), not a class; pass the folder that holds the submission folders, or grade this one with"
                    + " `tensorgrade grade`.");
        }
        if (top.folders().isEmpty()) {
            throw new GraderException("No submission folders in " + where + "; INPUT must be " + KINDS
                    + ".");
        }
        List<String> notes = new ArrayList<>(ignoredFiles(top.files(), Set.of()));
        List<ClassSubmission> submissions = new ArrayList<>();
        for (Path f : top.folders()) {
            submissions.add(new ClassSubmission(f.getFileName().toString(), f, List.of(), null, null));
        }
        return new ClassInput(submissions, notes);
    }

    /** A Gradescope export: the folders, with who submitted each and when, less the superseded ones. */
    private static ClassInput export(String where, Path root, SubmissionFolders.Listing top) {
        GradescopeMetadata.Result meta = GradescopeMetadata.read(root.resolve(GradescopeMetadata.FILE));
        if (top.folders().isEmpty()) {
            throw new GraderException("No submission folders in the Gradescope export " + where + " ("
                    + GradescopeMetadata.FILE + " lists " + meta.entries().size() + "); export the submissions"
                    + " of a programming assignment, whose submissions are folders.");
        }
        List<String> notes = new ArrayList<>(meta.notes());
        notes.addAll(ignoredFiles(top.files(), Set.of(GradescopeMetadata.FILE)));
        List<ClassSubmission> submissions = new ArrayList<>();
        Set<String> folderNames = new HashSet<>();
        for (Path f : top.folders()) {
            String name = f.getFileName().toString();
            folderNames.add(name);
            GradescopeMetadata.Entry entry = meta.entries().get(name);
            if (entry == null) {
                notes.add(name + " is not in " + GradescopeMetadata.FILE + ": graded without submitters.");
                submissions.add(new ClassSubmission(name, f, List.of(), null, null));
            } else {
                submissions.add(new ClassSubmission(name, f, entry.submitters(), entry.createdAt(), entry.score()));
            }
        }
        for (String listed : new TreeSet<>(meta.entries().keySet())) {
            if (!folderNames.contains(listed)) {
                notes.add(GradescopeMetadata.FILE + " lists " + listed + ", but the export has no folder " + listed
                        + ": nothing to grade for it.");
            }
        }
        Supersede.Result latest = Supersede.apply(submissions);
        notes.addAll(latest.notes());
        return new ClassInput(latest.kept(), notes);
    }

    private static List<String> ignoredFiles(List<Path> files, Set<String> expected) {
        List<String> notes = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (!expected.contains(name)) {
                notes.add("ignored file " + name + " at the top of INPUT: submissions are folders");
            }
        }
        return notes;
    }

    /** Whether {@code file} starts like a zip: a local file header, or the end record of an empty zip. */
    private static boolean isZip(Path file) {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        } catch (IOException e) {
            throw new GraderException("Cannot read INPUT " + file + ": " + e.getMessage() + "; check that it is"
                    + " readable.", e);
        }
        return Arrays.equals(head, new byte[] {'P', 'K', 3, 4}) || Arrays.equals(head, new byte[] {'P', 'K', 5, 6});
    }
}
