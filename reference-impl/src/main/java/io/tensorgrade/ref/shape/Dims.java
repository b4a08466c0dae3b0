package io.tensorgrade.ref.shape;

import io.tensorgrade.ref.RefException;

/** Parses lists of dimensions typed by people: {@code 3,224,224}, {@code 3x224x224}, {@code [3, 224, 224]}. */
public final class Dims {
    private Dims() {
    }

    /** The positive integers in {@code text}; {@code what} names the argument in the error message. */
    public static int[] parse(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new RefException(what + " is empty; expected numbers such as 3,224,224");
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        String[] parts = trimmed.split("\\s*[,x×]\\s*|\\s+");
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new RefException(what + " '" + text + "' has a non-integer part '" + parts[i] + "'", e);
            }
            if (dims[i] < 1) {
                throw new RefException(what + " '" + text + "' has a dimension " + dims[i] + " < 1");
            }
        }
        return dims;
    }
}
