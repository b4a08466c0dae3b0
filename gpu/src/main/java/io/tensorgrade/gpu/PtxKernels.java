package io.tensorgrade.gpu;

import io.tensorgrade.ref.RefException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PTX module of the inference kernels ({@code tensorgrade.ptx}, generated from
 * {@code gpu/src/main/cuda/tensorgrade.cu} by {@code build-ptx.sh}) and the entry points the Java side
 * launches.
 */
final class PtxKernels {
    static final String RESOURCE = "tensorgrade.ptx";
    static final String NORMALIZE_U8 = "tg_normalize_u8";
    static final String NORMALIZE_F32 = "tg_normalize_f32";
    static final String CONV2D = "tg_conv2d";
    static final String MAX_POOL2D = "tg_max_pool2d";
    static final String AVG_POOL2D = "tg_avg_pool2d";
    static final String CHANNEL_AFFINE = "tg_channel_affine";
    static final String ACTIVATION = "tg_activation";
    /** Every entry point {@link GpuModel} launches. */
    static final List<String> ENTRY_POINTS = List.of(NORMALIZE_U8, NORMALIZE_F32, CONV2D, MAX_POOL2D, AVG_POOL2D,
            CHANNEL_AFFINE, ACTIVATION);
    /** Output tile of {@code tg_conv2d} (rows = output channels, columns = output positions) and its threads. */
    static final int CONV_TILE = 64;
    static final int CONV_THREADS = 256;

    private static final Pattern ENTRY = Pattern.compile("^\\s*\\.visible\\s+\\.entry\\s+([A-Za-z_$][\\w$]*)\\s*\\(",
            Pattern.MULTILINE);

    private PtxKernels() {
    }

    /** The PTX text. */
    static String ptx() {
        try (InputStream in = PtxKernels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new RefException("gpu: the PTX resource io/tensorgrade/gpu/" + RESOURCE + " is missing from the"
                        + " class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new RefException("gpu: cannot read the PTX resource " + RESOURCE + ": " + e.getMessage());
        }
    }

    /** The PTX text NUL-terminated, as {@code cuModuleLoadData} wants it. */
    static byte[] image() {
        byte[] text = ptx().getBytes(StandardCharsets.US_ASCII);
        byte[] image = java.util.Arrays.copyOf(text, text.length + 1);
        image[text.length] = 0;
        return image;
    }

    /** The names of the kernels a PTX text declares ({@code .visible .entry NAME(}). */
    static List<String> entryNames(String ptx) {
        List<String> names = new ArrayList<>();
        Matcher m = ENTRY.matcher(ptx);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
