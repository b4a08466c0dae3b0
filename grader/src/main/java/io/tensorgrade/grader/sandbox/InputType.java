package io.tensorgrade.grader.sandbox;

/** The element type a student's function receives for an input tensor. */
public enum InputType {
    FLOAT64("float64"),
    FLOAT32("float32"),
    INT64("int64");

    private final String wire;

    InputType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
