package io.tensorgrade.grader.check;

import io.tensorgrade.grader.rubric.RubricException;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.sandbox.StudentFile;
import io.tensorgrade.grader.submission.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What travels into the sandbox with a code part's file: the student's package and the course's files. */
class CodeFilesTest {

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private static Map<String, Path> byName(CodeFiles.Staged staged) {
        return staged.files().stream().collect(Collectors.toMap(StudentFile::name, StudentFile::source));
    }

    @Test
    void supportFilesKeepTheirPackageAndTheStudentsOwnWinsOverTheCourses() throws IOException {
        Path graded = write("sub/nndl/conv_layers.py", "from nndl.layers import *\n");
        Path own = write("sub/nndl/layers.py", "x = 1\n");
        write("sub/notes.txt", "not code");
        Path fast = write("course/nndl/fast_layers.py", "y = 2\n");
        write("course/nndl/layers.py", "z = 3\n");
        CodeFiles files = new CodeFiles(List.of("nndl/*.py"), dir.resolve("course"), List.of("nndl/*.py"));
        CodeFiles.Staged staged = files.stage(Submission.open(dir.resolve("sub")), "nndl/conv_layers.py", graded);
        assertEquals(Map.of("nndl/conv_layers.py", graded, "nndl/layers.py", own, "nndl/fast_layers.py", fast),
                byName(staged));
        assertEquals(List.of(), staged.notes(), "nothing of the student's was replaced");
    }

    @Test
    void aStarterCopyStandingInForAnImportedFileIsNamed() throws IOException {
        Path graded = write("sub/nndl/conv_layers.py", "import numpy as np\nfrom .layers import *\n");
        Path starter = write("course/nndl/layers.py", "z = 3\n");
        CodeFiles files = new CodeFiles(List.of("nndl/*.py"), dir.resolve("course"), List.of("nndl/layers.py"));
        CodeFiles.Staged staged = files.stage(Submission.open(dir.resolve("sub")), "nndl/conv_layers.py", graded);
        assertEquals(starter, byName(staged).get("nndl/layers.py"));
        assertEquals(List.of("nndl/layers.py is not in your submission, so the course's starter copy was used;"
                + " submit your own if your code needs your version."), staged.notes());
    }

    @Test
    void aStarterCopyTheGradedFileDoesNotImportIsNotMentioned() throws IOException {
        Path graded = write("sub/nndl/conv_layers.py", "import numpy as np\n");
        write("course/nndl/layers.py", "z = 3\n");
        CodeFiles files = new CodeFiles(List.of("nndl/*.py"), dir.resolve("course"), List.of("nndl/layers.py"));
        assertEquals(List.of(), files.stage(Submission.open(dir.resolve("sub")), "nndl/conv_layers.py", graded)
                .notes());
    }

    @Test
    void filesUploadedWithoutTheirFolderAreStagedInIt() throws IOException {
        Path graded = write("sub/conv_layers.py", "from nndl.layers import *\n");
        Path layers = write("sub/layers.py", "x = 1\n");
        Submission sub = Submission.open(dir.resolve("sub"));
        assertEquals(graded, CodeFiles.locate(sub, "nndl/conv_layers.py"));
        CodeFiles.Staged staged = new CodeFiles(List.of("nndl/*.py"), null, List.of())
                .stage(sub, "nndl/conv_layers.py", graded);
        assertEquals(Map.of("nndl/conv_layers.py", graded, "nndl/layers.py", layers), byName(staged));
        assertTrue(staged.notes().get(0).startsWith("nndl/conv_layers.py was not in your submission;"
                + " conv_layers.py at its top was graded in its place"), staged.notes()::toString);
    }

    @Test
    void aFileInNeitherPlaceIsNotFound() throws IOException {
        write("sub/nndl/other.py", "");
        assertNull(CodeFiles.locate(Submission.open(dir.resolve("sub")), "nndl/conv_layers.py"));
    }

    @Test
    void theRubricNamesTheFieldOfABadSupportGlobOrAMissingCourseFile() throws IOException {
        Files.createDirectories(dir.resolve("starter"));
        Path rubric = write("r.yaml", """
                assignment: t
                total_points: 1
                parts:
                  - id: a
                    points: 1
                    check: function
                    file: nndl/conv_layers.py
                    support: ["../*.py"]
                    provided: {dir: starter, files: [nndl/layers.py]}
                    function: f
                    reference: relu
                    inputs: {x: [2, 3]}
                """);
        RubricException e = assertThrows(RubricException.class, () -> RubricLoader.load(rubric));
        assertTrue(e.getMessage().contains("part a: support: expected globs relative to the submission folder,"
                + " found '../*.py'"), e.getMessage());
        assertTrue(e.getMessage().contains("part a: provided.files: 'nndl/layers.py' matches no file under"),
                e.getMessage());
    }
}
