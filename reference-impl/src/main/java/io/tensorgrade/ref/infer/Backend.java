package io.tensorgrade.ref.infer;

/** Which matrix-multiply kernel an {@link InferenceModel} uses. */
public enum Backend {
    /** {@link #VECTOR} when the JVM runs with {@code --add-modules jdk.incubator.vector}, else {@link #JAVA}. */
    AUTO,
    /** SIMD through the JDK's Vector API; fails at compile time when the module is not present. */
    VECTOR,
    /** Plain Java loops; always available, several times slower. */
    JAVA
}
