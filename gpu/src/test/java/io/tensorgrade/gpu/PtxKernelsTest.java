package io.tensorgrade.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PtxKernelsTest {

    @Test
    void ptxResourceDeclaresEveryEntryPointTheJavaSideLaunches() {
        List<String> declared = PtxKernels.entryNames(PtxKernels.ptx());
        for (String name : PtxKernels.ENTRY_POINTS) {
            assertTrue(declared.contains(name), "tensorgrade.ptx does not declare .entry " + name + "; it has "
                    + declared + ". Run gpu/src/main/cuda/build-ptx.sh after changing tensorgrade.cu.");
        }
        assertEquals(PtxKernels.ENTRY_POINTS.size(), declared.size(), "declared " + declared);
    }

    @Test
    void ptxTargetsSm70With64BitAddresses() {
        String ptx = PtxKernels.ptx();
        assertTrue(Pattern.compile("(?m)^\\.target sm_70\\b").matcher(ptx).find(), "no '.target sm_70'");
        assertTrue(Pattern.compile("(?m)^\\.address_size 64\\b").matcher(ptx).find(), "no '.address_size 64'");
    }

    @Test
    void ptxParametersMatchTheArgumentsGpuPlanPasses() {
        // tg_conv2d: 4 pointers and 18 ints, in GpuPlan.conv's order.
        assertEquals(22, parameters(PtxKernels.ptx(), PtxKernels.CONV2D));
        assertEquals(15, parameters(PtxKernels.ptx(), PtxKernels.MAX_POOL2D));
        assertEquals(9, parameters(PtxKernels.ptx(), PtxKernels.AVG_POOL2D));
        assertEquals(7, parameters(PtxKernels.ptx(), PtxKernels.NORMALIZE_U8));
        assertEquals(3, parameters(PtxKernels.ptx(), PtxKernels.ACTIVATION));
        assertEquals(6, parameters(PtxKernels.ptx(), PtxKernels.CHANNEL_AFFINE));
    }

    @Test
    void imageIsNulTerminatedForCuModuleLoadData() {
        byte[] image = PtxKernels.image();
        assertEquals(0, image[image.length - 1]);
        assertEquals(PtxKernels.ptx().length() + 1, image.length);
    }

    @Test
    void entryNamesReadsVisibleEntriesOnly() {
        String ptx = ".visible .entry tg_a(\n.param .u64 p\n)\n.func helper(\n.visible .entry tg_b (\n";
        assertEquals(List.of("tg_a", "tg_b"), PtxKernels.entryNames(ptx));
    }

    private static long parameters(String ptx, String entry) {
        int start = ptx.indexOf(".entry " + entry + "(");
        assertTrue(start >= 0, "no entry " + entry);
        String params = ptx.substring(start, ptx.indexOf(')', start));
        return Pattern.compile("\\.param ").matcher(params).results().count();
    }
}
