package io.tensorgrade.ref.io;

import java.nio.ByteBuffer;

/**
 * A PyTorch storage named by a persistent id {@code ('storage', torch.FloatStorage, '0', 'cpu', 6)}:
 * its element type, its length and its bytes. Tensors are views of it; tied weights share one. In the
 * zip format the bytes are read when the pickle names the storage; in the legacy format they follow
 * the pickle in the file and are attached afterwards.
 */
final class TorchStorage {
    private final String key;
    private final DType dtype;
    private final long numel;
    private ByteBuffer data;

    TorchStorage(String key, DType dtype, long numel, ByteBuffer data) {
        this.key = key;
        this.dtype = dtype;
        this.numel = numel;
        this.data = data;
    }

    String key() {
        return key;
    }

    DType dtype() {
        return dtype;
    }

    long numel() {
        return numel;
    }

    /** The bytes, or null while a legacy file has not been read that far. */
    ByteBuffer data() {
        return data;
    }

    /** Attaches the bytes of a legacy file's storage (once). */
    void attach(ByteBuffer bytes) {
        if (data != null) {
            throw new IllegalStateException("storage " + key + " already has its data");
        }
        data = bytes;
    }
}
