package io.tensorgrade.ref.io;

/**
 * The opcodes that push one constant read from the input: None, bools, ints, floats, strings and
 * bytes. Lengths are checked against the input, then charged to the {@link Budget}, then read.
 */
final class PickleScalars {
    /** Returned by {@link #read} for opcodes that are not constants. */
    static final Object NOT_A_SCALAR = new Object();

    private final PickleInput in;
    private final Budget budget;
    private final PickleLimits limits;

    PickleScalars(PickleInput in, Budget budget, PickleLimits limits) {
        this.in = in;
        this.budget = budget;
        this.limits = limits;
    }

    /** The value of a constant opcode (its argument consumed), or {@link #NOT_A_SCALAR}. */
    Object read(int op) {
        return switch (op) {
            case 'N' -> null;
            case 0x88 -> Boolean.TRUE;
            case 0x89 -> Boolean.FALSE;
            case 'I' -> PickleText.integer(in.line("INT"), limits.maxIntDigits());
            case 'J' -> (long) in.s32();
            case 'K' -> (long) in.u8();
            case 'M' -> (long) in.u16();
            case 'L' -> PickleText.longInteger(in.line("LONG"), limits.maxIntDigits());
            case 0x8a -> in.longLE(in.u8(), limits.maxIntDigits());
            case 0x8b -> in.longLE(in.u32(), limits.maxIntDigits());
            case 'F' -> PickleText.floating(in.line("FLOAT"));
            case 'G' -> in.f64BigEndian();
            case 'S' -> charged(PickleText.quoted(in.line("STRING")));
            case 'T' -> bytes(in.s32(), "BINSTRING");
            case 'U' -> bytes(in.u8(), "SHORT_BINSTRING");
            case 'B' -> bytes(in.u32(), "BINBYTES");
            case 'C' -> bytes(in.u8(), "SHORT_BINBYTES");
            case 0x8e -> bytes(in.s64(), "BINBYTES8");
            case 0x96 -> bytes(in.s64(), "BYTEARRAY8");
            case 'V' -> string(PickleText.rawUnicodeEscape(in.lineBytes("UNICODE")));
            case 'X' -> utf8(in.u32(), "BINUNICODE");
            case 0x8c -> utf8(in.u8(), "SHORT_BINUNICODE");
            case 0x8d -> utf8(in.s64(), "BINUNICODE8");
            default -> NOT_A_SCALAR;
        };
    }

    private PyBytes bytes(long n, String opcode) {
        String what = "a " + opcode + " value";
        in.checkAvailable(n, what);
        budget.charge(n, what);
        return new PyBytes(in.take(n, what));
    }

    private PyBytes charged(PyBytes b) {
        budget.charge(b.length(), "a STRING value");
        return b;
    }

    private String utf8(long n, String opcode) {
        String what = "a " + opcode + " value";
        in.checkAvailable(n, what);
        // A Java string may take two bytes per character: charge for the worst case before decoding.
        budget.charge(2 * n, what);
        return in.utf8(n, what);
    }

    private String string(String s) {
        budget.charge(2L * s.length(), "a UNICODE value");
        return s;
    }
}
