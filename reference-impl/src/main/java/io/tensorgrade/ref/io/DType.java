package io.tensorgrade.ref.io;

import java.nio.ByteBuffer;

/**
 * The element type a tensor was stored with in a checkpoint or data file. Values are always read into
 * doubles; the stored type is kept so that feedback can say what the student saved (a float16 model,
 * an int64 counter).
 */
public enum DType {
    FLOAT64("float64", 8),
    FLOAT32("float32", 4),
    FLOAT16("float16", 2),
    BFLOAT16("bfloat16", 2),
    INT64("int64", 8),
    INT32("int32", 4),
    INT16("int16", 2),
    INT8("int8", 1),
    UINT8("uint8", 1),
    BOOL("bool", 1);

    private final String torchName;
    private final int itemSize;

    DType(String torchName, int itemSize) {
        this.torchName = torchName;
        this.itemSize = itemSize;
    }

    /** The name PyTorch prints without the {@code torch.} prefix, e.g. {@code float32}. */
    public String torchName() {
        return torchName;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** Whether the values are integers (exact {@code long}s are kept where a reader can). */
    public boolean isInteger() {
        return this == INT64 || this == INT32 || this == INT16 || this == INT8 || this == UINT8;
    }

    /** The numpy type string, little-endian or byte-sized, e.g. {@code <f8} or {@code |b1}; null for bfloat16. */
    public String numpyDescr() {
        return switch (this) {
            case FLOAT64 -> "<f8";
            case FLOAT32 -> "<f4";
            case FLOAT16 -> "<f2";
            case BFLOAT16 -> null;
            case INT64 -> "<i8";
            case INT32 -> "<i4";
            case INT16 -> "<i2";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case BOOL -> "|b1";
        };
    }

    /** Whether the values are floating point. */
    public boolean isFloatingPoint() {
        return this == FLOAT64 || this == FLOAT32 || this == FLOAT16 || this == BFLOAT16;
    }

    /** The element at byte position {@code at} of {@code buf} (whose byte order is used) as a double. */
    double read(ByteBuffer buf, int at) {
        return switch (this) {
            case FLOAT64 -> buf.getDouble(at);
            case FLOAT32 -> buf.getFloat(at);
            case FLOAT16 -> halfToDouble(buf.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((buf.getShort(at) & 0xffff) << 16);
            case INT64 -> buf.getLong(at);
            case INT32 -> buf.getInt(at);
            case INT16 -> buf.getShort(at);
            case INT8 -> buf.get(at);
            case UINT8 -> buf.get(at) & 0xff;
            case BOOL -> buf.get(at) != 0 ? 1 : 0;
        };
    }

    /** IEEE 754 binary16 to double, exactly (subnormals, infinities and NaN included). */
    static double halfToDouble(short bits) {
        int sign = (bits >> 15) & 1;
        int exponent = (bits >> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        double magnitude;
        if (exponent == 0) {
            magnitude = Math.scalb((double) mantissa, -24);
        } else if (exponent == 0x1f) {
            magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            magnitude = Math.scalb((double) (mantissa | 0x400), exponent - 25);
        }
        return sign == 1 ? -magnitude : magnitude;
    }

    /** The type of a numpy type string such as {@code <f4} or {@code |u1}, or null; byte order is not checked. */
    static DType fromNumpy(String kindAndSize) {
        return switch (kindAndSize) {
            case "f8" -> FLOAT64;
            case "f4" -> FLOAT32;
            case "f2" -> FLOAT16;
            case "i8" -> INT64;
            case "i4" -> INT32;
            case "i2" -> INT16;
            case "i1" -> INT8;
            case "u1" -> UINT8;
            case "b1" -> BOOL;
            default -> null;
        };
    }

    /** The type of a safetensors dtype name such as {@code F32}, or null. */
    static DType fromSafetensors(String name) {
        return switch (name) {
            case "F64" -> FLOAT64;
            case "F32" -> FLOAT32;
            case "F16" -> FLOAT16;
            case "BF16" -> BFLOAT16;
            case "I64" -> INT64;
            case "I32" -> INT32;
            case "I16" -> INT16;
            case "I8" -> INT8;
            case "U8" -> UINT8;
            case "BOOL" -> BOOL;
            default -> null;
        };
    }

    /** The type of a legacy PyTorch storage class such as {@code FloatStorage}, or null. */
    static DType fromTorchStorage(String className) {
        return switch (className) {
            case "DoubleStorage" -> FLOAT64;
            case "FloatStorage" -> FLOAT32;
            case "HalfStorage" -> FLOAT16;
            case "BFloat16Storage" -> BFLOAT16;
            case "LongStorage" -> INT64;
            case "IntStorage" -> INT32;
            case "ShortStorage" -> INT16;
            case "CharStorage" -> INT8;
            case "ByteStorage" -> UINT8;
            case "BoolStorage" -> BOOL;
            default -> null;
        };
    }
}
