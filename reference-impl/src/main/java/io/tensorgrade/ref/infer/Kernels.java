package io.tensorgrade.ref.infer;

import io.tensorgrade.ref.RefException;

/** Picks the {@link Kernel} for a {@link Backend}. */
final class Kernels {
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private Kernels() {
    }

    /** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    static Kernel of(Backend backend) {
        return switch (backend) {
            case JAVA -> new JavaKernel();
            case VECTOR -> {
                if (!vectorAvailable()) {
                    throw new RefException("inference: backend=VECTOR needs the JVM option --add-modules "
                            + VECTOR_MODULE + "; use AUTO to fall back to plain Java");
                }
                yield vector();
            }
            case AUTO -> vectorAvailable() ? vector() : new JavaKernel();
        };
    }

    /** Loaded by name so that this class links without the incubator module; warmed up before use. */
    private static Kernel vector() {
        try {
            Kernel k = (Kernel) Class.forName("io.tensorgrade.ref.infer.VectorKernel").getDeclaredConstructor()
                    .newInstance();
            k.warmUp();
            return k;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new RefException("inference: cannot load the Vector API kernel: " + e, e);
        }
    }
}
