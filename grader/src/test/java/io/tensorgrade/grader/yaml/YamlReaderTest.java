package io.tensorgrade.grader.yaml;

import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlReaderTest {

    @Test
    void recordsTheLineOfEveryKeyAndValue() {
        YamlReader.Result r = YamlReader.readYaml("""
                a: 1
                b:
                  - x
                  - [1, 2]
                c: {d: "e"}
                """);
        YamlMap root = assertInstanceOf(YamlMap.class, r.root());
        assertEquals(List.of("a", "b", "c"), List.copyOf(root.keys()));
        assertEquals(1, root.lineOf("a"));
        assertEquals(2, root.lineOf("b"));
        YamlList b = assertInstanceOf(YamlList.class, root.get("b"));
        assertEquals(3, b.get(0).line());
        assertEquals(4, b.get(1).line());
        assertEquals(5, root.lineOf("c"));
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void keepsTheScalarTextAndItsResolvedType() {
        YamlMap root = (YamlMap) YamlReader.readYaml("i: 564_564\nr: 5.64564e5\ns: \"564,564\"\nb: true\nn:\n")
                .root();
        assertEquals(new YamlScalar("564_564", YamlScalar.Type.INTEGER, 1), root.get("i"));
        assertEquals(YamlScalar.Type.REAL, ((YamlScalar) root.get("r")).type());
        assertEquals(new YamlScalar("564,564", YamlScalar.Type.STRING, 3), root.get("s"));
        assertEquals(YamlScalar.Type.BOOLEAN, ((YamlScalar) root.get("b")).type());
        assertTrue(((YamlScalar) root.get("n")).isNull());
    }

    @Test
    void reportsDuplicateKeysWithBothLines() {
        YamlReader.Result r = YamlReader.readYaml("q1: 1\nq2: 2\nq1: 3\n");
        assertEquals(1, r.problems().size());
        Problem p = r.problems().get(0);
        assertEquals(3, p.line());
        assertEquals("q1", p.field());
        assertTrue(p.message().contains("line 1"), p.message());
    }

    @Test
    void reportsASyntaxErrorWithItsLineAndNoContextNoise() {
        YamlReader.Result r = YamlReader.readYaml("a: 1\nb: [1, 2\nc: 3\n");
        assertNull(r.root());
        Problem p = r.problems().get(0);
        assertEquals(3, p.line());
        assertTrue(p.message().startsWith("syntax error"), p.message());
        assertTrue(p.message().contains("expected ',' or ']'"), p.message());
        assertTrue(!p.message().contains("\n"), p.message());
    }

    @Test
    void reportsAnEmptyDocument() {
        YamlReader.Result r = YamlReader.readYaml("");
        assertNull(r.root());
        assertEquals("the file is empty", r.problems().get(0).message());
    }

    @Test
    void readsJsonWithLines() {
        YamlReader.Result r = YamlReader.readJson("{\n \"q1\": [12, 7, 7],\n \"q2\": \"x\"\n}");
        YamlMap root = (YamlMap) r.root();
        assertEquals(2, root.lineOf("q1"));
        assertEquals("[12, 7, 7]", root.get("q1").flow());
        assertEquals(3, root.get("q2").line());
    }

    @Test
    void refusesHostileNesting() {
        String deep = "[".repeat(YamlReader.MAX_DEPTH + 5) + "]".repeat(YamlReader.MAX_DEPTH + 5);
        YamlReader.Result r = YamlReader.readJson(deep);
        assertNull(r.root());
        assertTrue(r.problems().get(0).message().contains("nested more than"), r.problems().toString());
    }

    @Test
    void anAliasStandsForItsAnchorsNodeWithTheAnchorsLines() {
        YamlReader.Result r = YamlReader.readYaml("a:\n  network: &net [conv, relu]\nb:\n  network: *net\n");
        YamlMap root = assertInstanceOf(YamlMap.class, r.root());
        YamlMap b = assertInstanceOf(YamlMap.class, root.get("b"));
        YamlList net = assertInstanceOf(YamlList.class, b.get("network"));
        assertEquals("[conv, relu]", net.flow());
        assertEquals(2, net.line());
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void anAliasOfAnUnknownAnchorIsASyntaxErrorSayingWhy() {
        YamlReader.Result r = YamlReader.readYaml("b: *net\n");
        assertNull(r.root());
        assertTrue(r.problems().get(0).message().contains("unknown alias *net: an alias must come after its anchor"),
                r.problems().toString());
    }
}
