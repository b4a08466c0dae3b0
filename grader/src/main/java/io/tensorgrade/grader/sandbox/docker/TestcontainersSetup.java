package io.tensorgrade.grader.sandbox.docker;

import io.tensorgrade.grader.GraderException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.utility.ResourceReaper;

/**
 * Makes Testcontainers work offline, from the project itself rather than anyone's shell.
 *
 * <p>Testcontainers 1.21 starts Ryuk, a reaper container pulled from Docker Hub, unless the
 * environment variable TESTCONTAINERS_RYUK_DISABLED is set; it reads that switch only from the
 * environment (not from testcontainers.properties, and a JVM cannot set its own environment).
 * So, before Testcontainers first asks for its reaper, this installs its plain base reaper, which
 * does nothing on its own. Our containers need none: {@link DockerBackend#close()} removes each one
 * (pending removals are waited for at JVM exit), and each one's main process ends by itself after
 * the job's time limit, auto-removing the container, so nothing lingers even when the JVM is killed.
 * (The shutdown-hook reaper Testcontainers uses without Ryuk would race with those removals.)
 *
 * <p>Likewise TESTCONTAINERS_HOST_OVERRIDE: inside a container whose bridge network reports no
 * gateway, Testcontainers looks for the host's address by running a helper image it would pull,
 * and hangs for minutes offline. Our containers publish no ports, so the address is never used;
 * this pins it to "localhost" before Testcontainers asks.
 */
public final class TestcontainersSetup {
    private static boolean done;
    private static Boolean available;

    private TestcontainersSetup() {
    }

    static synchronized void ensure() {
        if (done) {
            return;
        }
        if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            installQuietReaper();
        }
        done = true;
    }

    /** Whether a Docker daemon answers; asked once per JVM. */
    public static synchronized boolean dockerAvailable() {
        if (available == null) {
            ensure();
            available = pinHostAddress() && DockerClientFactory.instance().isDockerAvailable();
        }
        return available;
    }

    /** False when no Docker daemon can be reached at all. */
    private static boolean pinHostAddress() {
        Object strategy;
        try {
            Method m = DockerClientFactory.class.getDeclaredMethod("getOrInitializeStrategy");
            m.setAccessible(true);
            strategy = m.invoke(DockerClientFactory.instance());
        } catch (InvocationTargetException e) {
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
        if (System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null || strategy == null) {
            return true;
        }
        try {
            Field f = DockerClientProviderStrategy.class.getDeclaredField("dockerHostIpAddress");
            f.setAccessible(true);
            if (f.get(strategy) == null) {
                f.set(strategy, "localhost");
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // an unknown Testcontainers version: it falls back to its own detection
        }
        return true;
    }

    private static void installQuietReaper() {
        try {
            Field instance = ResourceReaper.class.getDeclaredField("instance");
            instance.setAccessible(true);
            if (instance.get(null) != null) {
                return;
            }
            Constructor<ResourceReaper> c = ResourceReaper.class.getDeclaredConstructor();
            c.setAccessible(true);
            instance.set(null, c.newInstance());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new GraderException("this Testcontainers version cannot be configured to run without Ryuk ("
                    + e + "); set TESTCONTAINERS_RYUK_DISABLED=true or use --sandbox process", e);
        }
    }
}
