/**
 * Files in and out of the reference: {@code .npy} arrays ({@link io.tensorgrade.ref.io.Npy}), model
 * weights from untrusted files ({@link io.tensorgrade.ref.io.Checkpoint}: PyTorch zip and legacy
 * formats, safetensors, npz) and datasets ({@link io.tensorgrade.ref.io.Cifar10},
 * {@link io.tensorgrade.ref.io.Mnist}, both giving an {@link io.tensorgrade.ref.io.ImageDataset}).
 *
 * <p>Every file is hostile until read: pickles go through a machine that never executes anything and
 * resolves names only against an allow-list, lengths and offsets are checked against what the file
 * holds, and all allocation is bounded per file. Every failure is a
 * {@link io.tensorgrade.ref.RefException} whose message starts with the file's name.
 */
package io.tensorgrade.ref.io;
