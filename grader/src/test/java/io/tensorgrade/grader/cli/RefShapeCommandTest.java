package io.tensorgrade.grader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefShapeCommandTest {

    @Test
    void convPrintsShapeAndDerivationPerDimension() {
        // Seed 000 Q1 (PyTorch: 12x7x7).
        CliRun run = CliRun.of("ref", "shape", "conv2d", "--input", "30,14,14", "--kernel", "4", "--out-channels",
                "12", "--stride", "2", "--padding", "1");
        assertEquals(0, run.code(), run.err());
        assertEquals("conv2d: input 30x14x14 -> output 12x7x7\n"
                + "C: out_channels = 12\n"
                + "H: floor((14 + 2*1 - 4) / 2) + 1 = 7\n"
                + "W: floor((14 + 2*1 - 4) / 2) + 1 = 7\n", run.out());
    }

    @Test
    void maxPoolStrideDefaultsToKernel() {
        // PyTorch: max_pool2d(12x7x7, 3) has stride 3 and gives 12x2x2.
        CliRun run = CliRun.of("ref", "shape", "max_pool2d", "--input", "12,7,7", "--kernel", "3");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("max_pool2d: input 12x7x7 -> output 12x2x2\n"), run.out());
        assertTrue(run.out().contains("H: floor((7 + 2*0 - 3) / 3) + 1 = 2\n"), run.out());
    }

    @Test
    void ceilModeExplainsDroppedLastWindow() {
        CliRun run = CliRun.of("ref", "shape", "avg_pool2d", "--input", "1,6,6", "--kernel", "2", "--stride", "3",
                "--ceil-mode");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("avg_pool2d: input 1x6x6 -> output 1x2x2\n"), run.out());
        assertTrue(run.out().contains("minus 1 = 2 because the last window would start at (3-1)*3 = 6"), run.out());
    }

    @Test
    void rectangularDilatedConvAsJson() throws Exception {
        // PyTorch: 4x9x11, weight 6x2x3x5, stride (2,1), padding (0,2), dilation (1,2), groups 2 -> 6x4x7.
        CliRun run = CliRun.of("ref", "shape", "conv2d", "--input", "4,9,11", "--kernel", "3,5", "--out-channels",
                "6", "--stride", "2,1", "--padding", "0,2", "--dilation", "1,2", "--groups", "2", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals("[6,4,7]", root.get("output").toString());
        assertEquals("floor((11 + 2*2 - 2*(5-1) - 1) / 1) + 1 = 7", root.get("width").get("derivation").asText());
    }

    @Test
    void impossibleLayerFailsNamingKernelAndInput() {
        CliRun run = CliRun.of("ref", "shape", "conv2d", "--input", "1,2,2", "--kernel", "3");
        assertEquals(1, run.code());
        assertEquals("tensorgrade: conv2d (height): kernel_size=3 is larger than the padded input 2 + 2*0 = 2\n",
                run.err());
    }

    @Test
    void unknownOpIsUsageError() {
        CliRun run = CliRun.of("ref", "shape", "conv3d", "--input", "1,8,8", "--kernel", "3");
        assertEquals(2, run.code());
        assertEquals("tensorgrade: unknown op 'conv3d' (did you mean 'conv2d'?); known: conv2d, max_pool2d,"
                + " avg_pool2d\n", run.err());
    }

    @Test
    void ceilModeOnConvIsUsageError() {
        CliRun run = CliRun.of("ref", "shape", "conv2d", "--input", "1,8,8", "--kernel", "3", "--ceil-mode");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--ceil-mode"), run.err());
    }

    @Test
    void outChannelsOnPoolIsUsageError() {
        CliRun run = CliRun.of("ref", "shape", "max_pool2d", "--input", "1,8,8", "--kernel", "2", "--out-channels",
                "4");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--out-channels"), run.err());
    }

    @Test
    void nonIntegerKernelIsUsageError() {
        CliRun run = CliRun.of("ref", "shape", "conv2d", "--input", "1,8,8", "--kernel", "3.5");
        assertEquals(2, run.code());
        assertEquals("tensorgrade: --kernel '3.5' must be an integer or two integers H,W\n", run.err());
    }
}
