package io.tensorgrade.grader.sandbox;

/** How tensors are handed to the student's function: numpy arrays or torch tensors. */
public enum Flavour {
    NUMPY("numpy"),
    TORCH("torch");

    private final String wire;

    Flavour(String wire) {
        this.wire = wire;
    }

    /** The name used in job.json. */
    public String wire() {
        return wire;
    }
}
