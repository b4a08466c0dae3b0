package io.tensorgrade.ref.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.ref.RefException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pickle machine on pickles Python wrote at every protocol, and on hand-made hostile byte strings. */
class SafeUnpicklerTest {
    private static final long BUDGET = 1L << 20;

    private static Object load(byte[] pickle) {
        return load(pickle, BUDGET, PickleLimits.DEFAULT);
    }

    private static Object load(byte[] pickle, long budget, PickleLimits limits) {
        Budget b = new Budget("t.pkl", budget);
        PickleGlobals globals = PickleGlobals.data("a test file", "only data is allowed", m -> "", b);
        NumpyPickles.register(globals, b);
        return SafeUnpickler.load(pickle, 0, "t.pkl", globals, null, b, limits).value();
    }

    private static String error(byte[] pickle) {
        return assertThrows(RefException.class, () -> load(pickle)).getMessage();
    }

    /** Bytes from a string of opcodes in latin-1 plus raw bytes. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof String s ? s.getBytes(StandardCharsets.ISO_8859_1) : (byte[]) p);
        }
        return out.toByteArray();
    }

    static Stream<Arguments> protocols() {
        return IntStream.rangeClosed(0, 5).mapToObj(Arguments::of);
    }

    @ParameterizedTest(name = "protocol {0}")
    @MethodSource("protocols")
    @SuppressWarnings("unchecked")
    void readsWhatPythonWroteAtEveryProtocol(int protocol) throws IOException {
        byte[] pickle = Files.readAllBytes(Fixtures.path("pickles/values_protocol" + protocol + ".pkl"));
        Map<Object, Object> v = (Map<Object, Object>) load(pickle);
        assertNull(v.get("none"));
        assertEquals(Boolean.TRUE, v.get("true"));
        assertEquals(Boolean.FALSE, v.get("false"));
        assertEquals(7L, v.get("small"));
        assertEquals(-300L, v.get("neg"));
        assertEquals(2147483647L, v.get("int32"));
        assertEquals(Long.MIN_VALUE, v.get("int64"));
        assertEquals(BigInteger.TWO.pow(70), v.get("big"));
        assertEquals(0.1, v.get("float"));
        assertEquals(Double.POSITIVE_INFINITY, v.get("inf"));
        assertEquals("h\u00e9llo \u2713 \\n", v.get("text"));
        assertEquals("", v.get("empty"));
        assertEquals(new PyBytes(new byte[] {0, (byte) 0xff, '\'', '\\'}), v.get("bytes"));
        assertEquals(List.of(1L, List.of(2L, 3L)), v.get("list"));
        assertEquals(new PyTuple(new Object[] {1L, "a"}), v.get("tuple"));
        assertEquals(Map.of("k", new PyTuple(new Object[] {1.5})), v.get("nested"));
        assertEquals(Set.of(3L), v.get("set"));
        assertEquals(Set.of(4L), v.get("frozen"));
        assertSame(v.get("shared"), v.get("shared_again"), "the memo keeps identity");
        assertEquals(PyBytes.ascii("ab"), v.get("bytearray"));
        List<Object> loop = (List<Object>) v.get("loop");
        assertSame(loop, loop.get(0), "a list that contains itself");
        assertEquals(1L, v.get(new PyTuple(new Object[] {"tuple", "key"})));
        assertEquals("int key", v.get(5L));
        assertEquals(24, v.size());
    }

    @Test
    void readsProtocol0StringsWithEscapes() {
        Object v = load(bytes("S'a\\x41\\n\\101\\'\\\\'\n."));
        assertEquals(new PyBytes("aA\nA'\\".getBytes(StandardCharsets.ISO_8859_1)), v);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(bytes("\u0080\u0002K\u0001"), "the pickle ends without a STOP opcode (truncated file?)"),
                Arguments.of(bytes("\u0080\u0002J\u0001"), "the pickle ends in the middle of an opcode (truncated file?) "
                        + "(opcode BININT at byte 2)"),
                Arguments.of(bytes("\u0080\u0002."), "stack underflow (opcode STOP at byte 2)"),
                Arguments.of(bytes("\u00ff."), "unknown opcode 0xff (not a pickle, or a corrupt one) (opcode 0xff at byte 0)"),
                Arguments.of(bytes("\u0080\u0006N."), "unsupported pickle protocol 6 (supported: 0 to 5)"),
                Arguments.of(bytes("h\u0007."), "memo entry 7 was never stored (opcode BINGET at byte 0)"),
                Arguments.of(bytes("N1."), "no MARK to pop to"),
                Arguments.of(bytes("N(."), "stack underflow (opcode STOP at byte 2)"),
                Arguments.of(bytes("]N\u0085Na."), "APPEND to a tuple of 1, which is not a list"),
                Arguments.of(bytes("}]]s."), "a dict key is a list of 0, which is unhashable (opcode SETITEM at byte 3)"),
                Arguments.of(bytes("K\u0001)R."), "REDUCE calls int 1, which is not callable"),
                Arguments.of(bytes("\u008e\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0010."), "a BINBYTES8 value of "
                        + "1152921504606846976 bytes runs past the end of the pickle (1 bytes left)"),
                Arguments.of(bytes("\u008b\u0000\u0010\u0000\u0000"), "an integer of 4096 bytes is longer than "
                        + "the 1000 allowed"),
                Arguments.of(bytes("I1", "0".repeat(1001), "\n."), "INT argument has 1002 digits, more than the 1000"),
                Arguments.of(bytes("\u0097."), "uses an out-of-band buffer (NEXT_BUFFER), which a file cannot carry"),
                Arguments.of(bytes("Q."), "stack underflow"),
                Arguments.of(bytes("N\u0094Q."), "t.pkl refers to a persistent id, which this kind of file may not use"),
                Arguments.of(bytes("\u0082\u0001."), "t.pkl uses the copyreg extension registry (EXT opcodes)"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedPicklesFailWithTheProblemAndPosition(byte[] pickle, String problem) {
        String message = error(pickle);
        assertTrue(message.startsWith("t.pkl"), message);
        assertTrue(message.contains(problem), message);
    }

    static Stream<Arguments> refusedNames() {
        return Stream.of(
                Arguments.of(bytes("cos\nsystem\n."), "os.system"),
                Arguments.of(bytes("\u008c\u0008builtins\u008c\u0004exec\u0093."), "builtins.exec"),
                Arguments.of(bytes("(X\u0001\u0000\u0000\u0000aisubprocess\ncall\n."), "subprocess.call"),
                Arguments.of(bytes("ccopy_reg\n_reconstructor\n."), "copy_reg._reconstructor"),
                Arguments.of(bytes("cnumpy\nload\n."), "numpy.load"),
                Arguments.of(bytes("ctorch._utils\n_rebuild_tensor_v2\n."), "torch._utils._rebuild_tensor_v2"),
                Arguments.of(bytes("cos\u001b[31m\nsystem\n."), "os?[31m.system"));
    }

    @ParameterizedTest
    @MethodSource("refusedNames")
    void namesOutsideTheAllowListAreRefusedBeforeAnythingElse(byte[] pickle, String name) {
        assertEquals("t.pkl refers to " + name + ", which a test file may not use; only data is allowed",
                error(pickle));
    }

    @Test
    void allowListedNamesThatAreNotFunctionsCannotBeCalled() {
        assertTrue(error(bytes("cnumpy\nndarray\n)R.")).contains("calls numpy.ndarray, which may only be referred to, "
                + "not called (opcode REDUCE at byte 16)"));
    }

    @Test
    void deeplyNestedTuplesAreRefused() {
        byte[] pickle = bytes(")", "\u0085".repeat(PyTuple.MAX_DEPTH + 5), ".");
        assertTrue(error(pickle).contains("tuples nested more than 100 deep"));
    }

    @Test
    void memoStackAndMarksAreLimited() {
        PickleLimits small = new PickleLimits(3, 4, 2, 10);
        assertTrue(assertThrows(RefException.class, () -> load(bytes("N\u0094\u0094\u0094\u0094."), BUDGET, small))
                .getMessage().contains("the memo grows past 3 entries"));
        assertTrue(assertThrows(RefException.class, () -> load(bytes("NNNNN."), BUDGET, small))
                .getMessage().contains("the stack grows past 4 items"));
        assertTrue(assertThrows(RefException.class, () -> load(bytes("(((."), BUDGET, small))
                .getMessage().contains("more than 2 nested MARKs"));
    }

    @Test
    void sparseMemoIndicesCostNothing() {
        assertEquals(1L, load(bytes("K\u0001r\u00ff\u00ff\u00ff\u00ffj\u00ff\u00ff\u00ff\u00ff.")));
    }

    @Test
    void reEncodingOneStringManyTimesHitsTheBudget() {
        // One 1000-character string, then _codecs.encode of it 2000 times: 2 MB from 20 KB of pickle.
        StringBuilder p = new StringBuilder("\u0080\u0002c_codecs\nencode\nq\u0000X\u00e8\u0003\u0000\u0000");
        p.append("a".repeat(1000)).append("q\u0001X\u0006\u0000\u0000\u0000latin1q\u0002]");
        for (int i = 0; i < 2000; i++) {
            p.append("h\u0000h\u0001h\u0002\u0086Ra");
        }
        p.append('.');
        String message = assertThrows(RefException.class, () -> load(bytes(p.toString()), 1L << 20,
                PickleLimits.DEFAULT)).getMessage();
        assertTrue(message.startsWith("t.pkl: bytes needs 1000 bytes, more than the"), message);
    }

    @Test
    void bytesMustBeLatin1() {
        assertTrue(error(bytes("c_codecs\nencode\nX\u0002\u0000\u0000\u0000\u00c4\u0080X\u0005\u0000\u0000\u0000utf-8"
                + "\u0086R.")).contains("bytes encoded as 'utf-8' are not supported (only latin-1)"));
        assertTrue(error(bytes("c_codecs\nencode\nX\u0002\u0000\u0000\u0000\u00c4\u0080X\u0006\u0000\u0000\u0000latin1"
                + "\u0086R.")).contains("contain the character U+100, which latin-1 cannot hold"));
    }
}
