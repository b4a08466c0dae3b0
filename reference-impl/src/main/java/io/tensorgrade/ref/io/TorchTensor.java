package io.tensorgrade.ref.io;

import io.tensorgrade.ref.tensor.Tensor;

/**
 * A tensor rebuilt from a PyTorch pickle: a view (offset, size, stride) of a storage, already checked
 * to lie within it and charged to the budget. Its values are gathered only when asked for, so that the
 * tensors of an optimizer state saved next to the model cost no time.
 */
record TorchTensor(TorchStorage storage, long offset, int[] size, long[] strides) {

    DType dtype() {
        return storage.dtype();
    }

    /** The values in row-major order (a new tensor each call). */
    Tensor values() {
        if (storage.data() == null) {
            throw new IllegalStateException("storage " + storage.key() + " has no data");
        }
        return Tensor.wrap(Strided.gather(storage.data(), storage.dtype(), offset, size, strides), size);
    }
}
