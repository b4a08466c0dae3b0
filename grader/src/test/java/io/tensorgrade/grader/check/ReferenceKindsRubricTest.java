package io.tensorgrade.grader.check;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The expression, tensor and conv_kernel kinds through the CLI on questions from the seed homeworks
 * ({@code kinds/seeds/rubric.yaml}): the rubric validates, explains, and grades the seed students' own answers
 * the way docs/seeds/analysis.md judges them.
 */
class ReferenceKindsRubricTest {
    private static final String RUBRIC = Fixtures.path("kinds/seeds/rubric.yaml").toString();

    private String out = "";

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o + e.toString();
        return code;
    }

    @Test
    void rubricValidatesAndExplainsTheComputedAnswers() {
        assertEquals(0, run("rubric", "validate", RUBRIC), out);
        assertEquals(0, run("rubric", "explain", RUBRIC), out);
        assertTrue(out.contains("[[109, 92, 72], [108, 85, 74], [110, 74, 79]]"), out);
        assertTrue(out.contains("[[4, 7, 10, 6, 3], [9, 17, 25, 16, 8], [11, 23, 34, 23, 11], [7, 16, 24, 17, 8],"
                + " [2, 6, 9, 7, 3]]"), out);
        assertTrue(out.contains("floor((I + 2*P - K)/S) + 1"), out);
    }

    @Test
    void correctAnswersInStudentFormsGetFullMarks() {
        assertEquals(0, run("grade", "--rubric", RUBRIC, Fixtures.path("kinds/seeds/correct").toString()));
        assertTrue(out.matches("(?s).*Total +12 / 12.*"), out);
    }

    @Test
    void seedStudentsAnswersAreGradedAsTheAnalysisJudgesThem() {
        assertEquals(0, run("grade", "--rubric", RUBRIC, Fixtures.path("kinds/seeds/student").toString()));
        // Right: 1.1(c), Q2 dE/dw12 (h(z1*w12) is z2), P3. Wrong: 1.1(b), 1.1(d) unanswered, P1 (3x3 stencils).
        assertTrue(out.matches("(?s).*Total +6 / 12.*"), out);
        assertTrue(out.contains("the kernel's extent K - 1 is multiplied by the stride"), out);
        assertTrue(out.contains("shifted by 1 row and 1 column"), out);
    }
}
