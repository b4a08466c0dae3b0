package io.tensorgrade.grader.check.tensor;

import io.tensorgrade.ref.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The built-in mistakes of {@code conv_kernel}: changes to the student's weight {@code [out, in, kh, kw]}
 * that would have made it right. If the changed kernel reproduces the map, the mistake is named.
 */
final class KernelTransforms {
    /** Channel counts up to this are tried in every order; beyond it only reversed. */
    private static final int MAX_PERMUTED = 4;

    /** @param explanation completes "which is what you get when ..." */
    /** The built-in mistake names of conv_kernel: the transforms' names, then the scalar multiple. */
    static final List<String> IDS = List.of("sign_flipped", "kernel_flipped", "channels_swapped",
            "input_channels_permuted", "in_out_swapped", "not_normalised");

    record Transform(String name, String explanation, UnaryOperator<Tensor> apply) {
    }

    private KernelTransforms() {
    }

    /** The transforms that apply to a weight of this shape, in the order they are tried. */
    /** Each built-in mistake's explanation by name, in {@link #IDS} order (for {@code rubric explain}). */
    static java.util.Map<String, String> explanations() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        of(Tensor.zeros(2, 2, 1, 1)).forEach(t -> out.putIfAbsent(t.name(), t.explanation()));
        out.put("not_normalised", NOT_NORMALISED);
        return out;
    }

    /** Completes "what you get when ..." for a kernel that is a scalar multiple of a right one. */
    static final String NOT_NORMALISED = "the kernel is not normalised (a multiple of the right one, e.g. 1 instead"
            + " of 1/k² for an average)";

    static List<Transform> of(Tensor weight) {
        List<Transform> out = new ArrayList<>();
        out.add(new Transform("sign_flipped", "the kernel's sign is flipped (conv2d then gives minus the map)",
                KernelTransforms::negate));
        out.add(new Transform("kernel_flipped", "the kernel is flipped (rotated by 180°): written for a true"
                + " convolution, while conv2d computes the cross-correlation", TensorMistakes::rotate180));
        for (int[] p : permutations(weight.dim(0))) {
            out.add(new Transform("channels_swapped", "the output channels are in the wrong order (the kernels of"
                    + " different output maps are swapped)", w -> permute(w, 0, p)));
        }
        for (int[] p : permutations(weight.dim(1))) {
            out.add(new Transform("input_channels_permuted", "the input channels are taken in the wrong order (e.g."
                    + " BGR instead of RGB)", w -> permute(w, 1, p)));
        }
        if (weight.dim(0) != 1 || weight.dim(1) != 1) {
            out.add(new Transform("in_out_swapped", "the weight's first two dimensions are swapped: conv2d's weight"
                    + " is [out_channels, in_channels, kh, kw]", KernelTransforms::swapInOut));
        }
        return out;
    }

    static Tensor negate(Tensor w) {
        double[] d = w.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = -d[i];
        }
        return Tensor.wrap(d, w.shape());
    }

    static Tensor swapInOut(Tensor w) {
        int o = w.dim(0);
        int i = w.dim(1);
        int k = w.dim(2) * w.dim(3);
        double[] in = w.rawData();
        double[] out = new double[in.length];
        for (int a = 0; a < o; a++) {
            for (int b = 0; b < i; b++) {
                System.arraycopy(in, (a * i + b) * k, out, (b * o + a) * k, k);
            }
        }
        return Tensor.wrap(out, i, o, w.dim(2), w.dim(3));
    }

    /** Dimension {@code dim} (0 or 1) reordered: new index j takes old index {@code order[j]}. */
    static Tensor permute(Tensor w, int dim, int[] order) {
        int o = w.dim(0);
        int i = w.dim(1);
        int k = w.dim(2) * w.dim(3);
        double[] in = w.rawData();
        double[] out = new double[in.length];
        for (int a = 0; a < o; a++) {
            for (int b = 0; b < i; b++) {
                int from = dim == 0 ? (order[a] * i + b) : (a * i + order[b]);
                System.arraycopy(in, from * k, out, (a * i + b) * k, k);
            }
        }
        return Tensor.wrap(out, w.shape());
    }

    /** Every non-identity order of n channels (n <= 4), or only the reversed one for more. */
    static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        if (n < 2) {
            return out;
        }
        if (n > MAX_PERMUTED) {
            int[] r = new int[n];
            for (int j = 0; j < n; j++) {
                r[j] = n - 1 - j;
            }
            out.add(r);
            return out;
        }
        int[] a = new int[n];
        for (int j = 0; j < n; j++) {
            a[j] = j;
        }
        collect(a, 0, out);
        out.removeIf(p -> {
            for (int j = 0; j < n; j++) {
                if (p[j] != j) {
                    return false;
                }
            }
            return true;
        });
        return out;
    }

    private static void collect(int[] a, int k, List<int[]> out) {
        if (k == a.length) {
            out.add(a.clone());
            return;
        }
        for (int j = k; j < a.length; j++) {
            int t = a[k];
            a[k] = a[j];
            a[j] = t;
            collect(a, k + 1, out);
            a[j] = a[k];
            a[k] = t;
        }
    }
}
