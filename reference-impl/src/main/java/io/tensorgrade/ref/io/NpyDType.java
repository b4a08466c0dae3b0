package io.tensorgrade.ref.io;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The {@code .npy} element types tensorgrade reads, all little-endian (or byte-sized). */
public enum NpyDType {
    FLOAT32("<f4", 4),
    FLOAT64("<f8", 8),
    INT32("<i4", 4),
    INT64("<i8", 8),
    BOOL("|b1", 1);

    private final String descr;
    private final int itemSize;

    NpyDType(String descr, int itemSize) {
        this.descr = descr;
        this.itemSize = itemSize;
    }

    /** The numpy type string, e.g. {@code <f8}. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** Whether values are integers (exact {@code long}s are available when reading). */
    public boolean isInteger() {
        return this == INT32 || this == INT64;
    }

    /** The type with this numpy type string, or null when it is not one tensorgrade reads. */
    static NpyDType fromDescr(String descr) {
        for (NpyDType t : values()) {
            if (t.descr.equals(descr)) {
                return t;
            }
        }
        return null;
    }

    /** The supported type strings, for error messages. */
    static String supported() {
        return Arrays.stream(values()).map(NpyDType::descr).collect(Collectors.joining(", "));
    }
}
