package io.tensorgrade.gpu;

/**
 * Whether GPU inference can run here.
 *
 * @param available true when a CUDA device, its driver and the JCuda native library are all there
 * @param detail    the device ({@code NVIDIA H100 80GB HBM3, compute capability 9.0, driver 12.4}) when
 *                  available, else why not, as a sentence
 */
public record GpuStatus(boolean available, String detail) {
    public GpuStatus {
        if (detail == null || detail.isBlank()) {
            throw new IllegalArgumentException("detail must not be blank");
        }
    }
}
