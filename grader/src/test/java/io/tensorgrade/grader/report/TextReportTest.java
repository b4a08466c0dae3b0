package io.tensorgrade.grader.report;

import io.tensorgrade.grader.result.Points;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextReportTest {

    @Test
    void theTableHasOneRowPerGradedPartAndATotal() {
        String text = TextReport.render(ReportFixtures.report(), false);
        assertTrue(text.contains("Part   Points   Status   Feedback"), text);
        assertTrue(text.contains("q1a    5 / 5    passed   Correct: [12, 7, 7]."), text);
        assertTrue(text.contains("q1c    1.5 / 3  partial  Accepted at half credit."), text);
        assertTrue(text.contains("Total  6.5 / 22"), text);
    }

    @Test
    void fullFeedbackFollowsForPartsNotPassed() {
        String text = TextReport.render(ReportFixtures.report(), false);
        assertTrue(text.contains("q1b  FLOPs  (0 / 10, failed)\n  You answered 547704"), text);
        assertTrue(text.contains("  How to get it: 12*7*7*(...)"), text);
        assertFalse(text.contains("q1a  Output size  ("), text);
    }

    @Test
    void skippedPartsAreListedAsCheckedAfterSubmission() {
        String text = TextReport.render(ReportFixtures.report(), false);
        assertTrue(text.contains("Checked after submission:\n  q3  Accuracy (20 points)"), text);
        assertFalse(text.contains("q3     0 / 20"), text);
    }

    @Test
    void colourIsUsedOnlyWhenAskedFor() {
        assertFalse(TextReport.render(ReportFixtures.report(), false).contains("\u001b["));
        String coloured = TextReport.render(ReportFixtures.report(), true);
        assertTrue(coloured.contains("\u001b[32mpassed "), coloured);
        assertTrue(coloured.contains("\u001b[31mfailed "), coloured);
    }

    @Test
    void longFeedbackIsTruncatedInTheTable() {
        String row = TextReport.render(ReportFixtures.report(), false).lines()
                .filter(l -> l.startsWith("q1b ")).findFirst().orElseThrow();
        assertTrue(row.length() <= TextReport.WIDTH, row);
        assertTrue(row.endsWith("..."), row);
    }

    @Test
    void pointsPrintWithoutTrailingZeros() {
        assertTrue(Points.format(5.0).equals("5"));
        assertTrue(Points.format(2.5).equals("2.5"));
        assertTrue(Points.format(0.3333).equals("0.3333"));
    }
}
