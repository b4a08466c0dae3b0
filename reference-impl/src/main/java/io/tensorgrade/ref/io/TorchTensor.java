package io.tensorgrade.ref.io;

import io.tensorgrade.ref.tensor.Tensor;

/** A tensor rebuilt from a PyTorch pickle: its values in row-major order and the type it was stored with. */
record TorchTensor(DType dtype, Tensor values) {
}
