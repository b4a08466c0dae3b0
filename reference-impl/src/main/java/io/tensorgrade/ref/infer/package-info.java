/**
 * Batched float32 inference on the CPU, to score a trained network on a test set (10,000 CIFAR images
 * in a few seconds) in trusted code. {@link io.tensorgrade.ref.infer.InferenceModel#compile} binds a
 * PyTorch-style state_dict to a {@link io.tensorgrade.ref.net.NetworkSpec} (see
 * {@link io.tensorgrade.ref.infer.WeightNaming}), folds eval-mode batch norms into the convolutions
 * before them and fuses ReLUs into the kernels; {@code predict} preprocesses the images
 * ({@link io.tensorgrade.ref.infer.InputFormat}) and runs batches on a fixed pool of threads.
 *
 * <p>Layout: a batch of {@code n} samples is stored channel-major, {@code [c][n][h][w]}, so a
 * convolution is one matrix product {@code W (out x in*kh*kw)} times the im2col matrix of the whole batch
 * and its output rows are the next layer's input as they are. Stride-1 convolutions whose output rows
 * are whole SIMD vectors read the padded input directly instead of building the im2col matrix, and on
 * 512-bit SIMD convolutions with many channels put the channels in the lanes and read their windows in
 * place.
 *
 * <p>Speed: the matrix-multiply kernel uses the JDK's Vector API (FMA on 8x2 register tiles of 512-bit
 * vectors, 4x2 on narrower SIMD) when the JVM runs with {@code --add-modules jdk.incubator.vector};
 * otherwise a plain-Java kernel gives the same results (to float rounding) several times slower. No
 * native library is involved. {@code compile} warms the Vector API kernel up once per JVM (about 0.5 s). Results agree with the float64 ops of {@link io.tensorgrade.ref.ops} and
 * with PyTorch to about 1e-5 relative, and do not depend on the thread count or batch size.
 */
package io.tensorgrade.ref.infer;
