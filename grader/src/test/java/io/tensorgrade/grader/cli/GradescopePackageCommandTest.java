package io.tensorgrade.grader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradescopePackageCommandTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private String err = "";

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        err = e.toString();
        return code;
    }

    private String jar() throws IOException {
        return Files.writeString(dir.resolve("tg.jar"), "stand-in").toString();
    }

    @Test
    void modelPartsWithoutDataAreWarnedAboutByName() throws IOException {
        assertEquals(0, run("gradescope", "package", "--rubric", ROOT.resolve("rubrics/alexnet-cifar10.yaml").toString(),
                "--jar", jar(), "--out", dir.resolve("autograder.zip").toString()));
        assertTrue(err.contains("warning: cifar_accuracy, cifar_training score a model on a data set"), err);
        assertTrue(Files.isRegularFile(dir.resolve("autograder.zip")));
    }

    @Test
    void rubricsWithoutModelPartsOrWithDataAreNotWarnedAbout() throws IOException {
        assertEquals(0, run("gradescope", "package", "--rubric",
                ROOT.resolve("rubrics/conv-pool-fundamentals.yaml").toString(), "--jar", jar(),
                "--folder", dir.resolve("a").toString()));
        assertFalse(err.contains("warning"), err);
        Path data = Files.createDirectories(dir.resolve("data"));
        assertEquals(0, run("gradescope", "package", "--rubric", ROOT.resolve("rubrics/alexnet-cifar10.yaml").toString(),
                "--jar", jar(), "--data", data.toString(), "--folder", dir.resolve("b").toString()));
        assertFalse(err.contains("warning"), err);
    }

    @Test
    void zipAndFolderTogetherAreAUsageError() throws IOException {
        assertEquals(2, run("gradescope", "package", "--rubric",
                ROOT.resolve("rubrics/conv-pool-fundamentals.yaml").toString(), "--jar", jar(),
                "--out", dir.resolve("x.zip").toString(), "--folder", dir.resolve("x").toString()));
        assertTrue(err.contains("mutually exclusive"), err);
    }
}
