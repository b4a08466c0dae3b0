package io.tensorgrade.grader.check;

import io.tensorgrade.grader.yaml.Problem;
import io.tensorgrade.grader.yaml.YamlMap;
import io.tensorgrade.grader.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigReaderTest {

    private final List<Problem> problems = new ArrayList<>();

    private ConfigReader reader(String yaml) {
        return new ConfigReader((YamlMap) YamlReader.readYaml(yaml).root(), problems, Path.of("."));
    }

    @Test
    void readsTypedValues() {
        ConfigReader c = reader("n: 3\nx: 0.5\ns: text\nb: false\nl: [a, b]\n");
        assertEquals(3, c.integer("n"));
        assertEquals(0.5, c.number("x"));
        assertEquals("text", c.string("s"));
        assertEquals(false, c.bool("b", true));
        assertEquals(List.of("a", "b"), c.strings("l"));
        assertEquals(7, c.integer("absent", 7));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void aMissingRequiredFieldIsAProblemAtTheMapLine() {
        ConfigReader c = reader("a: 1\n");
        assertEquals("", c.string("expected"));
        assertEquals(List.of(new Problem(1, "expected", "missing required field 'expected'")), problems);
    }

    @Test
    void aWrongTypeNamesTheFoundValueAndTheExpectedForm() {
        ConfigReader c = reader("a: 1\npoints: five\n");
        assertEquals(0.0, c.number("points"));
        Problem p = problems.get(0);
        assertEquals(2, p.line());
        assertEquals("points", p.field());
        assertTrue(p.message().startsWith("could not read 'five' as a number"), p.message());
    }

    @Test
    void anUnknownKeyGetsASuggestionAndTheAllowedKeys() {
        ConfigReader c = reader("kernel: 3\npaddng: 1\n");
        c.checkKeys(List.of("kernel", "padding", "stride"));
        assertEquals(List.of(new Problem(2, "paddng",
                "unknown key 'paddng' (did you mean 'padding'?); allowed: kernel, padding, stride")), problems);
    }

    @Test
    void anUnknownChoiceListsTheAllowedValues() {
        ConfigReader c = reader("mode: maccs\n");
        assertEquals("macs", c.choice("mode", List.of("macs", "flops"), "macs"));
        assertEquals("unknown value 'maccs' (did you mean 'macs'?); allowed: macs, flops", problems.get(0).message());
    }

    @Test
    void nestedMapsAndListItemsReportTheirFullPath() {
        ConfigReader c = reader("accept:\n  - {name: a, credit: 0.5}\n  - {name: b, credt: 2}\n");
        List<ConfigReader> items = c.items("accept", List.of("name", "credit"));
        assertEquals(2, items.size());
        assertEquals(0.5, items.get(0).fraction("credit", 1));
        assertEquals(new Problem(3, "accept[1].credt",
                "unknown key 'credt' (did you mean 'credit'?); allowed: name, credit"), problems.get(0));
    }

    @Test
    void aFractionOutsideZeroToOneIsAProblem() {
        ConfigReader c = reader("credit: 1.5\n");
        assertEquals(1.0, c.fraction("credit", 1.0));
        assertEquals("expected a fraction between 0 and 1, found 1.5", problems.get(0).message());
    }

    @Test
    void toleranceAcceptsAbsRelAndTheirAtolRtolSynonyms() {
        assertEquals(new Tolerance(0.01, 0), reader("tolerance: {abs: 0.01}\n").tolerance(Tolerance.EXACT));
        assertEquals(new Tolerance(1e-4, 1e-3),
                reader("tolerance: {atol: 1e-4, rtol: 1e-3}\n").tolerance(Tolerance.EXACT));
        assertEquals(new Tolerance(0, 1e-6), reader("a: 1\n").tolerance(new Tolerance(0, 1e-6)));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void toleranceRejectsNegativeValuesAndUnknownKeys() {
        reader("tolerance: {abs: -1, relative: 0.1}\n").tolerance(Tolerance.EXACT);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("allowed: abs, rel, atol, rtol"), problems.toString());
        assertEquals("tolerance.abs", problems.get(1).field());
    }
}
