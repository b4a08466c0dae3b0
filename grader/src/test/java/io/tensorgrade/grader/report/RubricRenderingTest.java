package io.tensorgrade.grader.report;

import io.tensorgrade.grader.Fixtures;
import io.tensorgrade.grader.rubric.CheckKinds;
import io.tensorgrade.grader.rubric.Rubric;
import io.tensorgrade.grader.rubric.RubricLoader;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlReader;
import io.tensorgrade.grader.yaml.YamlScalar;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RubricRenderingTest {

    private static final Rubric RUBRIC = RubricLoader.load(Fixtures.path("rubric/valid.yaml"));

    @Test
    void explainShowsPointsExpectedValuesDerivationsAndTheCatalogue() {
        String text = RubricExplainer.render(RUBRIC, CheckKinds.standard());
        assertTrue(text.startsWith("CNN fundamentals (hw3-cnn, "), text);
        assertTrue(text.contains("): 20 points in 4 parts"), text);
        assertTrue(text.contains("q1a  Size of C's output feature map  [5 points, shape, visible]"), text);
        assertTrue(text.contains("  Expected: [12, 7, 7] (order C, H, W)"), text);
        assertTrue(text.contains("  Derivation: floor((14 + 2*1 - 4)/2) + 1 = 7"), text);
        assertTrue(text.contains("  Also accepted: [7, 7, 12] as HWC order (100%)"), text);
        assertTrue(text.contains("  Known mistake: wrong_order (0%): [7, 12, 7]"), text);
        assertTrue(text.contains("  Known mistake: no_channel_adds (0%): 547,704, what you get when the additions"),
                text);
        assertTrue(text.contains("  Also accepted: 565,344 as the 2*MACs convention (50%)"), text);
        assertTrue(text.contains("  Tolerance: abs 0.0005"), text);
    }

    @Test
    void theTemplateHasOneEmptyEntryPerPartAndNoExpectedValues() {
        String text = AnswersTemplate.render(RUBRIC);
        YamlMap parsed = (YamlMap) YamlReader.readYaml(text).root();
        assertEquals(List.of("q1a", "q1b", "q1c", "q2"), List.copyOf(parsed.keys()));
        parsed.entries().values().forEach(v -> assertTrue(((YamlScalar) v).isNull()));
        assertTrue(text.contains("# q1c (10 points): FLOPs of C and P\n# Enter a whole number"), text);
        assertTrue(text.contains("in CHW or HWC order"), text);
        assertFalse(text.contains("564756") || text.contains("564,756") || text.contains("12, 7, 7"), text);
    }
}
