package io.tensorgrade.grader.check.model;

import io.tensorgrade.gpu.GpuInference;
import io.tensorgrade.gpu.GpuModel;
import io.tensorgrade.ref.infer.InferenceModel;
import io.tensorgrade.ref.infer.InputFormat;
import java.util.Optional;

/**
 * Where an accuracy check runs its inference ({@code device:} in the rubric): {@code cpu} (the default),
 * {@code gpu} (an NVIDIA GPU through JCuda; an error when there is none) or {@code auto} (the GPU when
 * there is one, else the CPU, saying why).
 */
enum InferenceDevice {
    CPU, GPU, AUTO;

    /** One inference run on the chosen device; closing it frees the GPU memory. */
    interface Runner extends AutoCloseable {
        float[] predict(byte[] images, int n, InputFormat format);

        /** The engine, for the feedback, e.g. {@code vector-512x8} or {@code cuda: NVIDIA H100 ...}. */
        String name();

        /** A sentence for the feedback when {@code auto} fell back to the CPU. */
        Optional<String> note();

        @Override
        void close();
    }

    /**
     * A runner for {@code model} on this device.
     *
     * @throws io.tensorgrade.ref.RefException for {@code gpu} when no GPU can be used, with the reason
     */
    Runner open(InferenceModel model) {
        if (this == CPU || (this == AUTO && !GpuInference.available())) {
            String note = this == AUTO ? "Inference ran on the CPU because no GPU is usable here ("
                    + GpuInference.reason() + ")." : null;
            return new Runner() {
                @Override public float[] predict(byte[] images, int n, InputFormat format) {
                    return model.predict(images, n, format);
                }

                @Override public String name() {
                    return model.kernelName();
                }

                @Override public Optional<String> note() {
                    return Optional.ofNullable(note);
                }

                @Override public void close() {
                }
            };
        }
        GpuModel gpu = GpuInference.load(model);
        return new Runner() {
            @Override public float[] predict(byte[] images, int n, InputFormat format) {
                return gpu.predict(images, n, format);
            }

            @Override public String name() {
                return gpu.deviceName();
            }

            @Override public Optional<String> note() {
                return Optional.empty();
            }

            @Override public void close() {
                gpu.close();
            }
        };
    }
}
