package io.tensorgrade.ref.io;

import java.nio.ByteBuffer;

/**
 * A PyTorch storage named by a persistent id {@code ('storage', torch.FloatStorage, '0', 'cpu', 6)}:
 * its element type, its length and its bytes. Tensors are views of it; tied weights share one.
 */
record TorchStorage(String key, DType dtype, long numel, ByteBuffer data) {
}
