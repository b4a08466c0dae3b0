package io.tensorgrade.grader.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that travels into the sandbox with the student's code: the student's own or a course file.
 *
 * @param name   where it lands, relative to the student folder of the job, with the package layout kept
 *               ({@code conv_layers.py}, {@code nndl/layers.py}); steps name files by this
 * @param source the file on the grading host (copied, never mounted; links are refused)
 */
public record StudentFile(String name, Path source) {
    public StudentFile {
        Names.relativePath("student file", name);
        Objects.requireNonNull(source, "source");
    }

    /** Whether {@code name} may name a student file in a job (the rule the constructor enforces). */
    public static boolean validName(String name) {
        return name != null && Names.PATH.matcher(name).matches();
    }

    /** The file under its own file name, at the top of the student folder. */
    public static StudentFile of(Path source) {
        return new StudentFile(String.valueOf(source.getFileName()), source);
    }
}
