package io.tensorgrade.grader.check.network;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.shape.DimSize;
import io.tensorgrade.ref.shape.OutputSize;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The wrong output-size formulas, each on a case where it changes the size (values computed by hand). */
class SizeMistakeTest {

    /** mistake, pool?, input, kernel, stride, padding, dilation, ceil mode, size, derivation. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(SizeMistake.PADDING_IGNORED, false, 14, 4, 2, 1, 1, false, 6,
                        "floor((14 + 2*0 - 4) / 2) + 1 = 6"),
                Arguments.of(SizeMistake.PADDING_ONE_SIDE, false, 14, 4, 2, 2, 1, false, 7,
                        "floor((14 + 2 - 4) / 2) + 1 = 7"),
                Arguments.of(SizeMistake.STRIDE_IGNORED, false, 14, 4, 2, 1, 1, false, 13,
                        "floor((14 + 2*1 - 4) / 1) + 1 = 13"),
                Arguments.of(SizeMistake.CEIL_INSTEAD_OF_FLOOR, false, 15, 4, 2, 1, 1, false, 8,
                        "ceil((15 + 2*1 - 4) / 2) + 1 = 8"),
                Arguments.of(SizeMistake.CEIL_INSTEAD_OF_FLOOR, true, 7, 2, 2, 0, 1, false, 4,
                        "ceil((7 + 2*0 - 2) / 2) + 1 = 4"),
                Arguments.of(SizeMistake.FLOOR_INSTEAD_OF_CEIL, true, 8, 3, 2, 0, 1, true, 3,
                        "floor((8 + 2*0 - 3) / 2) + 1 = 3"),
                Arguments.of(SizeMistake.PLUS_ONE_FORGOTTEN, false, 14, 4, 2, 1, 1, false, 6,
                        "floor((14 + 2*1 - 4) / 2) = 6"),
                Arguments.of(SizeMistake.SIZE_OVER_STRIDE, false, 224, 11, 4, 2, 1, false, 57,
                        "floor((224 + 2*2) / 4) = 57"),
                Arguments.of(SizeMistake.SIZE_OVER_STRIDE, true, 57, 3, 2, 0, 1, false, 28,
                        "floor((57 + 2*0) / 2) = 28"),
                Arguments.of(SizeMistake.DILATION_IGNORED, false, 14, 3, 1, 1, 2, false, 14,
                        "floor((14 + 2*1 - 3) / 1) + 1 = 14"));
    }

    @ParameterizedTest(name = "{0} pool={1} in={2} k={3} s={4} p={5} d={6} ceil={7} -> {8}")
    @MethodSource("cases")
    void theWrongFormulaGivesTheWrongSizeWithItsDerivation(SizeMistake mistake, boolean pool, int in, int k, int s,
                                                         int p, int d, boolean ceil, int size, String derivation) {
        DimSize got = pool ? mistake.pool("max_pool2d", in, k, s, p, d, ceil) : mistake.conv("conv2d", in, k, s, p, d);
        assertEquals(size, got.output());
        assertEquals(derivation, got.derivation());
    }

    @Test
    void layersTheMistakeDoesNotConcernAreSizedByPytorch() {
        assertEquals(OutputSize.conv(14, 4, 2, 0, 1), SizeMistake.PADDING_IGNORED.conv("conv2d", 14, 4, 2, 0, 1));
        assertEquals(OutputSize.conv(14, 4, 2, 1, 1), SizeMistake.FLOOR_INSTEAD_OF_CEIL.conv("conv2d", 14, 4, 2, 1, 1));
        assertEquals(OutputSize.maxPool(8, 3, 2, 0, 1, true),
                SizeMistake.CEIL_INSTEAD_OF_FLOOR.pool("max_pool2d", 8, 3, 2, 0, 1, true));
    }

    @Test
    void aSizeBelowOneIsNotASize() {
        RefException e = assertThrows(RefException.class,
                () -> SizeMistake.PLUS_ONE_FORGOTTEN.conv("conv2d", 3, 3, 1, 0, 1));
        assertEquals("floor((3 + 2*0 - 3) / 1) = 0 is not a size", e.getMessage());
    }

    @Test
    void idsAreTheSpecsSnakeCaseNames() {
        assertEquals("padding_ignored padding_one_side stride_ignored ceil_instead_of_floor floor_instead_of_ceil"
                + " plus_one_forgotten size_over_stride dilation_ignored",
                String.join(" ", Stream.of(SizeMistake.values()).map(SizeMistake::id).toList()));
    }
}
