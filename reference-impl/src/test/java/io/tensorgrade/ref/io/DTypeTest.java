package io.tensorgrade.ref.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DTypeTest {
    /** IEEE 754 binary16 and bfloat16 bit patterns and their values (from the formats' definitions). */
    static Stream<Arguments> halfs() {
        return Stream.of(
                Arguments.of(DType.FLOAT16, 0x3c00, 1.0),
                Arguments.of(DType.FLOAT16, 0xc000, -2.0),
                Arguments.of(DType.FLOAT16, 0x7bff, 65504.0),
                Arguments.of(DType.FLOAT16, 0x0001, Math.pow(2, -24)),
                Arguments.of(DType.FLOAT16, 0x03ff, 1023 * Math.pow(2, -24)),
                Arguments.of(DType.FLOAT16, 0x0400, Math.pow(2, -14)),
                Arguments.of(DType.FLOAT16, 0x8000, -0.0),
                Arguments.of(DType.FLOAT16, 0x7c00, Double.POSITIVE_INFINITY),
                Arguments.of(DType.FLOAT16, 0xfc00, Double.NEGATIVE_INFINITY),
                Arguments.of(DType.FLOAT16, 0x7e00, Double.NaN),
                Arguments.of(DType.BFLOAT16, 0x3f80, 1.0),
                Arguments.of(DType.BFLOAT16, 0xc0a0, -5.0),
                Arguments.of(DType.BFLOAT16, 0x7f80, Double.POSITIVE_INFINITY));
    }

    @ParameterizedTest
    @MethodSource("halfs")
    void sixteenBitFloatsConvertExactly(DType type, int bits, double value) {
        ByteBuffer buf = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) bits);
        assertEquals(value, type.read(buf, 0));
        if (value == 0) {
            assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(type.read(buf, 0)));
        }
    }

    @ParameterizedTest
    @MethodSource("halfs")
    void byteOrderComesFromTheBuffer(DType type, int bits, double value) {
        ByteBuffer buf = ByteBuffer.allocate(2).order(ByteOrder.BIG_ENDIAN).putShort(0, (short) bits);
        assertEquals(value, type.read(buf, 0));
    }
}
