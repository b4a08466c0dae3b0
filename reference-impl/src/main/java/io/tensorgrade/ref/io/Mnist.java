package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads MNIST (and Fashion-MNIST, same format) from its IDX files: {@code t10k-images-idx3-ubyte} with
 * magic 0x00000803 and dimensions N, rows, columns, and {@code t10k-labels-idx1-ubyte} with magic
 * 0x00000801 and N. Either may be gzip-compressed; that is recognised from the content.
 */
public final class Mnist {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    /** MNIST has 70,000 images in all; EMNIST ByClass 814,255. Beyond that a header is not believed. */
    private static final int MAX_IMAGES = 1_000_000;
    private static final int MAX_SIDE = 1024;

    private Mnist() {
    }

    /** The images and labels of one split as a dataset of 1-channel images. */
    public static ImageDataset read(Path imagesIdx, Path labelsIdx) {
        int[] dims = new int[3];
        byte[] pixels = readIdx(imagesIdx, IMAGES_MAGIC, dims);
        int[] labelDims = new int[1];
        byte[] labels = readIdx(labelsIdx, LABELS_MAGIC, labelDims);
        if (labelDims[0] != dims[0]) {
            throw new RefException(labelsIdx + ": " + labelDims[0] + " labels for the " + dims[0] + " images of "
                    + imagesIdx);
        }
        Cifar10.checkLabels(labels, labelsIdx.toString());
        return ImageDataset.wrap(imagesIdx.toString(), 1, dims[1], dims[2], pixels, labels);
    }

    /** The data of an unsigned-byte IDX file; {@code dims} receives its dimensions. */
    private static byte[] readIdx(Path file, int magic, int[] dims) {
        try (InputStream raw = DataFiles.open(file); DataInputStream in = new DataInputStream(raw)) {
            byte[] head = DataFiles.readExactly(in, 4, file, "the IDX magic number");
            int found = (head[0] & 0xff) << 24 | (head[1] & 0xff) << 16 | (head[2] & 0xff) << 8 | head[3] & 0xff;
            if (found != magic) {
                String kind = magic == IMAGES_MAGIC ? "images (idx3-ubyte)" : "labels (idx1-ubyte)";
                throw new RefException(file + ": magic number 0x" + String.format("%08x", found) + " is not that of "
                        + "MNIST " + kind + ", 0x" + String.format("%08x", magic)
                        + (found == LABELS_MAGIC || found == IMAGES_MAGIC ? " (images and labels swapped?)" : ""));
            }
            long total = 1;
            byte[] sizes = DataFiles.readExactly(in, 4 * dims.length, file, "the IDX dimensions");
            for (int i = 0; i < dims.length; i++) {
                int d = (sizes[4 * i] & 0xff) << 24 | (sizes[4 * i + 1] & 0xff) << 16 | (sizes[4 * i + 2] & 0xff) << 8
                        | sizes[4 * i + 3] & 0xff;
                int max = i == 0 ? MAX_IMAGES : MAX_SIDE;
                if (d <= 0 || d > max) {
                    throw new RefException(file + ": dimension " + i + " of the IDX header is " + d
                            + ", expected 1 to " + max);
                }
                dims[i] = d;
                total *= d;
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new RefException(file + ": the IDX header's dimensions need " + total + " bytes, too many");
            }
            byte[] data = DataFiles.readExactly(in, (int) total, file, "the data of the IDX header's dimensions");
            if (in.read() >= 0) {
                throw new RefException(file + ": the file is longer than its IDX header's dimensions say ("
                        + total + " bytes of data)");
            }
            return data;
        } catch (IOException e) {
            throw new RefException(file + ": cannot read (corrupt gzip?): " + e.getMessage(), e);
        }
    }
}
