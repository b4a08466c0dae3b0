package io.tensorgrade.grader.check.code;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorgrade.grader.sandbox.PyValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PyDiffTest {
    private static final PyDiff DIFF = new PyDiff(List.of("indicestosynsets", "synsetstoindices"));

    private static PyValue dict(Object... kv) {
        Map<PyValue, PyValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(py(kv[i]), py(kv[i + 1]));
        }
        return PyValue.dict(m);
    }

    private static PyValue py(Object o) {
        return o instanceof PyValue p ? p : o instanceof Integer i ? PyValue.of(i) : PyValue.of((String) o);
    }

    private static final PyValue EXPECTED = PyValue.tuple(dict(0, "n01440764", 1, "n10148035"),
            dict("n01440764", 0, "n10148035", 1));

    @Test
    void equalValuesHaveNoDifferenceAndAListMayStandForATuple() {
        assertNull(DIFF.first(EXPECTED, EXPECTED));
        PyValue list = new PyValue.PyList(List.of(dict(0, "n01440764", 1, "n10148035"),
                dict("n01440764", 0, "n10148035", 1)));
        assertNull(DIFF.first(EXPECTED, list));
    }

    @Test
    void aMissingKeyIsNamedWithTheAlikeKeyOfTheWrongType() {
        PyValue actual = PyValue.tuple(dict("0", "n01440764", "1", "n10148035"), dict("n01440764", 0, "n10148035", 1));
        assertEquals("indicestosynsets has no key 0; it has the str key '0' where the int 0 belongs"
                + " (expected 2 entries, got 2)", DIFF.first(EXPECTED, actual));
    }

    @Test
    void theFirstDifferingValueIsNamedByItsKeyWithBothReprs() {
        PyValue actual = PyValue.tuple(dict(0, "n01440764", 1, "n10148035"), dict("n01440764", 1, "n10148035", 2));
        assertEquals("synsetstoindices['n01440764']: expected 0, got 1", DIFF.first(EXPECTED, actual));
        PyValue descr = PyValue.tuple(dict(0, "tench, Tinca tinca"));
        assertEquals("indicestosynsets[0]: expected 'tench, Tinca tinca', got 'tench, Tinca tinca\\n'",
                DIFF.first(descr, PyValue.tuple(dict(0, "tench, Tinca tinca\n"))));
    }

    @Test
    void typesMustMatchExactly() {
        assertEquals("label: expected the int 982, got the str '982'", new PyDiff(List.of("label"))
                .first(PyValue.tuple(PyValue.of(982)), PyValue.tuple(PyValue.of("982"))));
        assertEquals("label: expected the int 982, got the float 982.0", new PyDiff(List.of("label"))
                .first(PyValue.tuple(PyValue.of(982)), PyValue.tuple(new PyValue.PyFloat(982))));
    }

    @Test
    void extraKeysWrongCountsAndLengthsAreNamed() {
        assertEquals("the result[0] has the unexpected key 2 = 'x' (expected 1 entries, got 2)",
                new PyDiff(List.of()).first(PyValue.tuple(dict(0, "a")), PyValue.tuple(dict(0, "a", 2, "x"))));
        assertEquals("the result: expected 2 values (indicestosynsets, synsetstoindices), got 1",
                DIFF.first(EXPECTED, PyValue.tuple(dict(0, "n01440764"))));
        PyValue one = new PyValue.PyList(List.of(PyValue.of(1)));
        PyValue two = new PyValue.PyList(List.of(PyValue.of(1), PyValue.of(2)));
        assertEquals("indicestosynsets: expected 2 items, got 1; the first missing one is indicestosynsets[1] = 2",
                DIFF.first(PyValue.tuple(two), PyValue.tuple(one)));
        assertEquals("the result: expected the tuple (1,), got the NoneType None",
                DIFF.first(PyValue.tuple(PyValue.of(1)), PyValue.none()));
    }

    @Test
    void theWireFormatIsReadStrictly() throws Exception {
        ObjectMapper m = new ObjectMapper();
        PyValue v = PyValue.fromWire(m.readTree(
                "{\"tuple\": [{\"dict\": [[0, \"a\"], [\"0\", 1.5]]}, [null, true], 7]}"));
        assertEquals("({0: 'a', '0': 1.5}, [None, True], 7)", v.repr());
        assertThrows(IllegalArgumentException.class, () -> PyValue.fromWire(m.readTree("{\"a\": 1}")));
        assertThrows(IllegalArgumentException.class, () -> PyValue.fromWire(m.readTree("{\"dict\": [[1]]}")));
        assertEquals("\"it's\"", PyValue.of("it's").repr());
    }

    @Test
    void exitIsNamedApartFromOtherExceptions() {
        String exit = JsonFunctionCheck.error("Traceback (your code, most recent call last):\n  File \"g.py\", line 3,"
                + " in parseclasslabel\n    exit()\nSystemExit: None");
        assertEquals(true, exit.startsWith("called exit() (SystemExit: None) instead of returning a value"));
        assertEquals(true, JsonFunctionCheck.error("KeyError: 'n1'").startsWith("raised an exception:"));
        assertEquals("g.py has no function parseclasslabel; did you mean parselabel?",
                JsonFunctionCheck.error("g.py has no function parseclasslabel; did you mean parselabel?"));
    }
}
