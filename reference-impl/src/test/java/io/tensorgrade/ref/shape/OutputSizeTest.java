package io.tensorgrade.ref.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.ops.Pair;
import io.tensorgrade.ref.testing.CsvFixture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutputSizeTest {

    /** Rows of output_sizes.csv, made by gen_output_sizes.py with PyTorch 1.13 ("error" = PyTorch refused). */
    static Stream<Arguments> pytorchCases() {
        return CsvFixture.rows(OutputSizeTest.class, "output_sizes.csv").stream().map(r -> Arguments.of((Object[]) r));
    }

    @ParameterizedTest(name = "{0} in={1} k={2} s={3} p={4} d={5} ceil={6} -> {7}")
    @MethodSource("pytorchCases")
    void outputSizeMatchesPyTorch(String op, String in, String k, String s, String p, String d, String ceil,
                                  String expected) {
        int input = Integer.parseInt(in);
        int kernel = Integer.parseInt(k);
        int stride = Integer.parseInt(s);
        int padding = Integer.parseInt(p);
        int dilation = Integer.parseInt(d);
        boolean ceilMode = Boolean.parseBoolean(ceil);
        java.util.function.Supplier<DimSize> size = switch (op) {
            case "conv2d" -> () -> OutputSize.conv(input, kernel, stride, padding, dilation);
            case "max_pool2d" -> () -> OutputSize.maxPool(input, kernel, stride, padding, dilation, ceilMode);
            case "avg_pool2d" -> () -> OutputSize.avgPool(input, kernel, stride, padding, ceilMode);
            default -> throw new IllegalArgumentException(op);
        };
        if (expected.equals("error")) {
            RefException e = assertThrows(RefException.class, size::get);
            assertTrue(e.getMessage().startsWith(op + ": "), e.getMessage());
        } else {
            DimSize result = size.get();
            assertEquals(Integer.parseInt(expected), result.output(), result.derivation());
            assertTrue(result.derivation().contains(" = " + expected), result.derivation());
        }
    }

    @Test
    void convDerivationShowsFloorFormula() {
        DimSize size = OutputSize.conv(14, 4, 2, 1, 1);
        assertEquals(7, size.output());
        assertEquals("floor((14 + 2*1 - 4) / 2) + 1 = 7", size.derivation());
    }

    @Test
    void dilatedConvDerivationShowsDilatedKernel() {
        // PyTorch: conv2d on 14x14, kernel 4, stride 2, padding 1, dilation 2 gives 5x5.
        DimSize size = OutputSize.conv(14, 4, 2, 1, 2);
        assertEquals(5, size.output());
        assertEquals("floor((14 + 2*1 - 2*(4-1) - 1) / 2) + 1 = 5", size.derivation());
    }

    @Test
    void ceilModeDropsLastWindowStartingPastInputAndLeftPadding() {
        // PyTorch: max_pool2d(6x6, kernel 2, stride 3, ceil_mode=True) gives 2x2, not ceil(4/3)+1 = 3.
        DimSize size = OutputSize.maxPool(6, 2, 3, 0, 1, true);
        assertEquals(2, size.output());
        assertEquals("ceil((6 + 2*0 - 2) / 3) + 1 = 3, minus 1 = 2 because the last window would start at "
                + "(3-1)*3 = 6 >= 6 + 0, past the input and its left padding", size.derivation());
    }

    @Test
    void ceilModeAllowsKernelLargerThanInput() {
        // PyTorch: max_pool2d(2x2, kernel 3, stride 2, ceil_mode=True) gives 1x1; without ceil mode it fails.
        assertEquals(1, OutputSize.maxPool(2, 3, 2, 0, 1, true).output());
        RefException e = assertThrows(RefException.class, () -> OutputSize.maxPool(2, 3, 2, 0, 1, false));
        assertEquals("max_pool2d: output size floor((2 + 2*0 - 3) / 2) + 1 = 0 is less than 1; kernel_size=3 "
                + "does not fit the padded input 2 + 2*0 = 2", e.getMessage());
    }

    @Test
    void convLayerShapeOfSeed000() {
        // Seed 000 Q1: 30x14x14, 12 filters 4x4, padding 1, stride 2 -> 12x7x7 (PyTorch agrees).
        LayerShape shape = OutputSize.conv2d(new Chw(30, 14, 14), 12, Pair.of(4), Pair.of(2), Pair.of(1),
                Pair.of(1), 1);
        assertEquals(new Chw(12, 7, 7), shape.output());
        assertEquals("C: out_channels = 12\nH: floor((14 + 2*1 - 4) / 2) + 1 = 7\n"
                + "W: floor((14 + 2*1 - 4) / 2) + 1 = 7", shape.derivation());
        LayerShape pool = OutputSize.maxPool2d(shape.output(), Pair.of(3), Pair.of(2), Pair.of(0), Pair.of(1), false);
        assertEquals(new Chw(12, 3, 3), pool.output());
    }

    @Test
    void rectangularGroupedConvUsesEachAxisOwnArguments() {
        // PyTorch: 4x9x11, weight 6x2x3x5, stride (2,1), padding (0,2), dilation (1,2), groups 2 -> 6x4x7.
        LayerShape shape = OutputSize.conv2d(new Chw(4, 9, 11), 6, new Pair(3, 5), new Pair(2, 1), new Pair(0, 2),
                new Pair(1, 2), 2);
        assertEquals(new Chw(6, 4, 7), shape.output());
        assertEquals("floor((11 + 2*2 - 2*(5-1) - 1) / 1) + 1 = 7", shape.width().derivation());
    }

    @Test
    void rectangularAvgPoolInCeilMode() {
        // PyTorch: avg_pool2d(5x6, kernel (3,2), stride 2, padding (1,0), ceil_mode=True) gives 3x3.
        LayerShape shape = OutputSize.avgPool2d(new Chw(1, 5, 6), new Pair(3, 2), Pair.of(2), new Pair(1, 0), true);
        assertEquals(new Chw(1, 3, 3), shape.output());
    }

    @Test
    void kernelLargerThanPaddedInputNamesKernelAndInput() {
        RefException e = assertThrows(RefException.class, () -> OutputSize.conv2d(new Chw(1, 2, 2), 1, Pair.of(3),
                Pair.of(1), Pair.of(0), Pair.of(1), 1));
        assertEquals("conv2d (height): kernel_size=3 is larger than the padded input 2 + 2*0 = 2", e.getMessage());
        e = assertThrows(RefException.class, () -> OutputSize.conv(2, 3, 1, 1, 2));
        assertEquals("conv2d: kernel_size=3 with dilation=2 spans 5 and is larger than the padded input 2 + 2*1 = 4",
                e.getMessage());
    }

    @Test
    void poolPaddingAboveHalfKernelIsRefused() {
        RefException e = assertThrows(RefException.class, () -> OutputSize.maxPool(8, 3, 2, 2, 1, false));
        assertEquals("max_pool2d: padding=2 must be at most half of kernel_size=3", e.getMessage());
    }

    @Test
    void nonPositiveArgumentsAreNamed() {
        assertEquals("conv2d: stride=0 must be at least 1",
                assertThrows(RefException.class, () -> OutputSize.conv(8, 3, 0, 0, 1)).getMessage());
        assertEquals("avg_pool2d: padding=-1 must be at least 0",
                assertThrows(RefException.class, () -> OutputSize.avgPool(8, 3, 1, -1, false)).getMessage());
        assertEquals("max_pool2d: dilation=0 must be at least 1",
                assertThrows(RefException.class, () -> OutputSize.maxPool(8, 3, 1, 0, 0, false)).getMessage());
        assertEquals("conv2d: kernel_size=0 must be at least 1",
                assertThrows(RefException.class, () -> OutputSize.conv(8, 0, 1, 0, 1)).getMessage());
    }

    @Test
    void groupsMustDivideChannels() {
        RefException e = assertThrows(RefException.class, () -> OutputSize.conv2d(new Chw(4, 8, 8), 6, Pair.of(3),
                Pair.of(1), Pair.of(0), Pair.of(1), 3));
        assertEquals("conv2d: groups=3 does not divide in_channels=4", e.getMessage());
    }

    @Test
    void chwParsesCommaAndTimesSeparatedText() {
        assertEquals(new Chw(3, 224, 224), Chw.parse("3,224,224"));
        assertEquals(new Chw(3, 32, 32), Chw.parse("[3, 32, 32]"));
        assertEquals(new Chw(1, 28, 28), Chw.parse("1x28x28"));
        RefException e = assertThrows(RefException.class, () -> Chw.parse("3,x2,2"));
        assertTrue(e.getMessage().contains("'3,x2,2'"), e.getMessage());
        assertThrows(RefException.class, () -> Chw.parse("3,224"));
    }
}
