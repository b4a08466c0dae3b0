package io.tensorgrade.ref.shape;

/**
 * How one spatial output size of a convolution or pooling layer is computed. {@link OutputSize#PYTORCH}
 * is PyTorch's rule and the default everywhere; another rule (e.g. one that reproduces a student's
 * mistaken formula) can be carried through a whole network with
 * {@link io.tensorgrade.ref.net.NetworkSpec#outputShapes(io.tensorgrade.ref.net.ActivationShape, SizeRule)}.
 * A rule throws {@link io.tensorgrade.ref.RefException} for arguments it cannot size.
 */
public interface SizeRule {

    /**
     * One dimension of a convolution (conv2d, the connection-table conv).
     *
     * @param op names the layer and the dimension for messages, e.g. {@code conv2d (height)}
     */
    DimSize conv(String op, int input, int kernel, int stride, int padding, int dilation);

    /**
     * One dimension of a pooling layer (max_pool2d, avg_pool2d, LeNet subsampling); {@code dilation}
     * is 1 for average pooling.
     */
    DimSize pool(String op, int input, int kernel, int stride, int padding, int dilation, boolean ceilMode);
}
