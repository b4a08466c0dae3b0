package io.tensorgrade.grader.sandbox.docker;

import org.testcontainers.DockerClientFactory;

/** Whether the Docker daemon can give containers a GPU: it lists the NVIDIA runtime. Asked once. */
final class DockerGpu {
    private static volatile Boolean available;

    private DockerGpu() {
    }

    static boolean available() {
        Boolean a = available;
        if (a == null) {
            a = probe();
            available = a;
        }
        return a;
    }

    private static boolean probe() {
        try {
            TestcontainersSetup.ensure();
            var info = DockerClientFactory.instance().client().infoCmd().exec();
            return info.getRuntimes() != null && info.getRuntimes().containsKey("nvidia");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
