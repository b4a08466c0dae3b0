package io.tensorgrade.grader.sandbox;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

class DebugTest {
    @Test
    void debug() {
        System.out.println("available " + TestcontainersSetup.dockerAvailable());
        long t0 = System.nanoTime();
        try {
            System.out.println(DockerClientFactory.instance().client().versionCmd().exec().getApiVersion());
        } catch (Throwable e) {
            e.printStackTrace(System.out);
        }
        System.out.println((System.nanoTime() - t0) / 1e6 + " ms");
    }
}
