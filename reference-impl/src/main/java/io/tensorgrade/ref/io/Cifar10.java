package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads CIFAR-10 in either of its distributed layouts: the binary version ({@code cifar-10-batches-bin/},
 * records of one label byte and 3072 pixel bytes) and the Python version ({@code cifar-10-batches-py/},
 * pickled dicts with {@code b'data'}, a 10000x3072 uint8 array, and {@code b'labels'}). The pickles go
 * through the safe unpickler with an allow-list of numpy arrays, lists and dicts.
 */
public final class Cifar10 {
    /** The class names, index = label. */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    static final int SIDE = 32;
    static final int IMAGE_BYTES = 3 * SIDE * SIDE;
    private static final int RECORD = 1 + IMAGE_BYTES;
    /** A batch holds 10,000 images; a file of all 60,000 is still accepted. */
    private static final int MAX_IMAGES = 60_000;

    /** Which part of the dataset to read. */
    public enum Split {
        TRAIN, TEST
    }

    private Cifar10() {
    }

    /** One binary batch, e.g. {@code test_batch.bin}. */
    public static ImageDataset readBinary(Path file) {
        byte[] bytes = DataFiles.readAll(file, (long) MAX_IMAGES * RECORD);
        if (bytes.length == 0 || bytes.length % RECORD != 0) {
            throw new RefException(file + ": " + bytes.length + " bytes is not a whole number of CIFAR-10 records ("
                    + RECORD + " bytes each: 1 label byte and 3072 pixel bytes)");
        }
        int n = bytes.length / RECORD;
        byte[] pixels = new byte[n * IMAGE_BYTES];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = bytes[i * RECORD];
            System.arraycopy(bytes, i * RECORD + 1, pixels, i * IMAGE_BYTES, IMAGE_BYTES);
        }
        checkLabels(labels, file.toString());
        return ImageDataset.wrap(file.toString(), 3, SIDE, SIDE, pixels, labels);
    }

    /** One Python batch, e.g. {@code test_batch}: a pickled dict, read without executing anything. */
    public static ImageDataset readPickle(Path file) {
        String name = file.toString();
        byte[] bytes = DataFiles.readAll(file, 4L * MAX_IMAGES * RECORD);
        Budget budget = new Budget(name, 16L * bytes.length + (64 << 20));
        PickleGlobals globals = PickleGlobals.data("a CIFAR-10 batch", "only arrays, lists and dicts are allowed",
                module -> "", budget);
        NumpyPickles.register(globals, budget);
        Object root = SafeUnpickler.load(bytes, name, globals, null, budget);
        if (!(root instanceof Map<?, ?> dict)) {
            throw new RefException(name + ": a CIFAR-10 batch is a dict, this file holds " + PyValues.describe(root));
        }
        if (get(dict, "fine_labels") != null) {
            throw new RefException(name + ": this is a CIFAR-100 batch (it has fine_labels), not CIFAR-10");
        }
        Object data = require(dict, "data", name);
        if (!(data instanceof NdArray array) || array.uint8Data() == null) {
            throw new RefException(name + ": b'data' must be a uint8 array, got " + PyValues.describe(data)
                    + (data instanceof NdArray a ? " of " + a.descr() : ""));
        }
        int[] shape = array.shape();
        boolean flat = shape.length == 2 && shape[1] == IMAGE_BYTES;
        boolean nchw = shape.length == 4 && shape[1] == 3 && shape[2] == SIDE && shape[3] == SIDE;
        if (!flat && !nchw) {
            throw new RefException(name + ": b'data' has shape " + java.util.Arrays.toString(shape)
                    + ", expected [N, 3072] (or [N, 3, 32, 32])");
        }
        byte[] labels = labels(require(dict, "labels", name), shape[0], name);
        return ImageDataset.wrap(name, 3, SIDE, SIDE, array.uint8Data(), labels);
    }

    /**
     * The training (data_batch_1 to 5, concatenated) or test (test_batch) images from {@code dir}: either
     * the extracted folder itself or its parent, in the binary or the Python layout.
     */
    public static ImageDataset readDir(Path dir, Split split) {
        for (String layout : List.of("cifar-10-batches-bin", "cifar-10-batches-py", "")) {
            Path folder = layout.isEmpty() ? dir : dir.resolve(layout);
            boolean binary = Files.isRegularFile(folder.resolve("test_batch.bin"))
                    || Files.isRegularFile(folder.resolve("data_batch_1.bin"));
            boolean python = Files.isRegularFile(folder.resolve("test_batch"))
                    || Files.isRegularFile(folder.resolve("data_batch_1"));
            if (binary || python) {
                List<String> names = split == Split.TEST ? List.of("test_batch")
                        : List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5");
                List<ImageDataset> parts = new ArrayList<>();
                for (String n : names) {
                    parts.add(binary ? readBinary(folder.resolve(n + ".bin")) : readPickle(folder.resolve(n)));
                }
                return parts.size() == 1 ? parts.get(0) : concat(folder.toString(), parts);
            }
        }
        throw new RefException(dir + ": no CIFAR-10 batches found; expected cifar-10-batches-bin/ (test_batch.bin, "
                + "data_batch_1.bin, ...) or cifar-10-batches-py/ (test_batch, data_batch_1, ...) in it or under it");
    }

    private static ImageDataset concat(String source, List<ImageDataset> parts) {
        int n = parts.stream().mapToInt(ImageDataset::size).sum();
        byte[] pixels = new byte[n * IMAGE_BYTES];
        byte[] labels = new byte[n];
        int at = 0;
        for (ImageDataset p : parts) {
            System.arraycopy(p.rawPixels(), 0, pixels, at * IMAGE_BYTES, p.size() * IMAGE_BYTES);
            int[] l = p.labels();
            for (int i = 0; i < l.length; i++) {
                labels[at + i] = (byte) l[i];
            }
            at += p.size();
        }
        return ImageDataset.wrap(source, 3, SIDE, SIDE, pixels, labels);
    }

    /** The value under {@code b'key'} (Python 2 and Python 3 with encoding='bytes') or {@code 'key'}. */
    private static Object get(Map<?, ?> dict, String key) {
        Object v = dict.get(PyBytes.ascii(key));
        return v != null ? v : dict.get(key);
    }

    private static Object require(Map<?, ?> dict, String key, String name) {
        Object v = get(dict, key);
        if (v == null) {
            throw new RefException(name + ": the batch has no b'" + key + "' entry; it has " + dict.size() + " keys"
                    + (dict.isEmpty() ? "" : " such as " + PyValues.describe(dict.keySet().iterator().next())));
        }
        return v;
    }

    private static byte[] labels(Object value, int n, String name) {
        List<?> list = value instanceof List<?> l ? l : null;
        if (list == null) {
            throw new RefException(name + ": b'labels' must be a list of ints, got " + PyValues.describe(value));
        }
        if (list.size() != n) {
            throw new RefException(name + ": " + list.size() + " labels for " + n + " images");
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            if (!(list.get(i) instanceof Long v) || v < 0 || v > 9) {
                throw new RefException(name + ": label " + i + " is " + PyValues.describe(list.get(i))
                        + ", expected 0 to 9");
            }
            labels[i] = (byte) (long) v;
        }
        return labels;
    }

    static void checkLabels(byte[] labels, String name) {
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xff) > 9) {
                throw new RefException(name + ": label " + i + " is " + (labels[i] & 0xff) + ", expected 0 to 9");
            }
        }
    }
}
