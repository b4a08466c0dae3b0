package io.tensorgrade.grader.check.model;

import io.tensorgrade.grader.check.Check;
import io.tensorgrade.grader.result.Status;
import io.tensorgrade.grader.result.Verdict;
import io.tensorgrade.ref.io.Npy;
import io.tensorgrade.ref.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MNIST-format data and an inline network, with a hand-computable model: 2x2 images with one lit pixel,
 * and a linear layer whose class c reads pixel c, so each prediction is the lit pixel's index.
 */
class AccuracyMnistTest {
    private static final int N = 10;

    @TempDir
    Path tmp;

    @Test
    void inlineNetworkOnMnistFilesIsScoredByHand() throws Exception {
        byte[] pixels = new byte[N * 4];
        byte[] labels = new byte[N];
        for (int i = 0; i < N; i++) {
            pixels[i * 4 + i % 4] = (byte) 255;
            // Images 0-5 are labelled with their lit pixel, 6-9 with the next one: 6 of 10 right.
            labels[i] = (byte) (i < 6 ? i % 4 : (i % 4 + 1) % 4);
        }
        Files.write(tmp.resolve("images-idx3-ubyte"), idx(0x803, pixels, N, 2, 2));
        Files.write(tmp.resolve("labels-idx1-ubyte"), idx(0x801, labels, N));
        double[] w = new double[10 * 4];
        for (int c = 0; c < 4; c++) {
            w[c * 4 + c] = 1;
        }
        Path sub = Files.createDirectories(tmp.resolve("sub"));
        npz(sub.resolve("model.npz"), Tensor.of(w, 10, 4), Tensor.zeros(10));
        Check check = AccuracySamples.load(tmp, "network: [flatten, {linear: {in: 4, out: 10}}]\ninput: [1, 2, 2]\n"
                + "checkpoint: model.npz\n"
                + "dataset: {format: mnist, images: images-idx3-ubyte, labels: labels-idx1-ubyte}\n"
                + "threshold: 0.8\npartial_credit_from: 0.4");

        Verdict v = AccuracySamples.grade(check, sub, tmp, null);

        assertEquals(Status.PARTIAL, v.status(), v.feedback());
        assertEquals((0.6 - 0.4) / (0.8 - 0.4), v.credit(), 1e-12);
        assertTrue(v.feedback().startsWith("Accuracy 60.00% (6 of 10 images of MNIST (images-idx3-ubyte,"
                + " labels-idx1-ubyte)), below the threshold 80.0%: 50% of the points"), v.feedback());
        assertTrue(v.feedback().contains("Per class: 0 67% (2/3), 1 67% (2/3), 2 50% (1/2), 3 50% (1/2)."),
                v.feedback());
    }

    private static byte[] idx(int magic, byte[] data, int... dims) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static void npz(Path file, Tensor weight, Tensor bias) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("fc.weight.npy"));
            zip.write(Npy.toBytes(weight));
            zip.putNextEntry(new ZipEntry("fc.bias.npy"));
            zip.write(Npy.toBytes(bias));
            zip.closeEntry();
        }
    }
}
