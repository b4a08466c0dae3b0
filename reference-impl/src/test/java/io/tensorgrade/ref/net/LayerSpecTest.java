package io.tensorgrade.ref.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.LayerSpec.BatchNorm2d;
import io.tensorgrade.ref.net.LayerSpec.Conv2d;
import io.tensorgrade.ref.net.LayerSpec.Dropout;
import io.tensorgrade.ref.net.LayerSpec.Flatten;
import io.tensorgrade.ref.net.LayerSpec.Linear;
import io.tensorgrade.ref.net.LayerSpec.TableConv2d;
import io.tensorgrade.ref.ops.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerSpecTest {

    @Test
    void groupedConvCountsParametersPerGroup() {
        // PyTorch: nn.Conv2d(4, 8, 3, groups=2) has 8*2*3*3 + 8 = 152 parameters.
        Conv2d conv = new Conv2d(4, 8, Pair.of(3), Pair.of(1), Pair.of(0), Pair.of(1), 2, true);
        assertEquals(152L, conv.params());
        assertEquals("8*(4/2)*3*3 + 8", conv.paramsFormula());
        assertEquals("conv2d 4->8 k=3 g=2", conv.describe());
    }

    @Test
    void convRefusesGroupsThatDoNotDivideChannels() {
        RefException e = assertThrows(RefException.class,
                () -> new Conv2d(4, 6, Pair.of(3), Pair.of(1), Pair.of(0), Pair.of(1), 3, true));
        assertEquals("conv2d: groups=3 does not divide in_channels=4 and out_channels=6", e.getMessage());
    }

    @Test
    void convRefusesZeroStride() {
        RefException e = assertThrows(RefException.class, () -> Conv2d.of(3, 8, 3, 0, 1));
        assertEquals("conv2d: stride=0 must be at least 1", e.getMessage());
    }

    @Test
    void tableConvRefusesUnknownInputMap() {
        RefException e = assertThrows(RefException.class,
                () -> new TableConv2d(6, Pair.of(5), List.of(List.of(0, 1), List.of(2, 6)), true));
        assertEquals("table_conv2d: row 1 names input map 6, outside 0..5", e.getMessage());
    }

    @Test
    void tableConvRefusesRepeatedInputMap() {
        RefException e = assertThrows(RefException.class,
                () -> new TableConv2d(6, Pair.of(5), List.of(List.of(0, 0)), true));
        assertEquals("table_conv2d: row 0 of the connection table [0, 0] must list distinct input maps, at least one",
                e.getMessage());
    }

    @Test
    void tableConvCopiesItsTable() {
        List<List<Integer>> table = new ArrayList<>();
        table.add(new ArrayList<>(List.of(0, 1)));
        TableConv2d conv = new TableConv2d(2, Pair.of(3), table, false);
        table.get(0).add(5);
        table.add(List.of(1));
        assertEquals(List.of(List.of(0, 1)), conv.table());
        assertEquals(18L, conv.params());
    }

    @Test
    void linearOnImageAsksForFlatten() {
        RefException e = assertThrows(RefException.class,
                () -> new Linear(256, 10, true).outputShape(ActivationShape.chw(16, 4, 4)));
        assertEquals("got a 16x4x4 input; linear needs flat features, add a flatten layer", e.getMessage());
    }

    @Test
    void flattenMultipliesDimensions() {
        assertEquals(ActivationShape.flat(9216), new Flatten().outputShape(ActivationShape.chw(256, 6, 6)));
    }

    @Test
    void batchNormHasTwoParametersPerChannelOnlyWhenAffine() {
        assertEquals(128L, new BatchNorm2d(64, true).params());
        assertEquals(0L, new BatchNorm2d(64, false).params());
    }

    @Test
    void dropoutRefusesProbabilityAboveOne() {
        assertEquals("dropout: p=1.5 must be between 0 and 1",
                assertThrows(RefException.class, () -> new Dropout(1.5)).getMessage());
    }

    @Test
    void networkRefusesEmptyLayerList() {
        assertEquals("network empty: has no layers",
                assertThrows(RefException.class, () -> new NetworkSpec("empty", List.of())).getMessage());
    }

    @Test
    void activationShapeParsesImageAndFlatInputs() {
        assertEquals(ActivationShape.chw(3, 224, 224), ActivationShape.parse("3,224,224"));
        assertEquals(ActivationShape.flat(784), ActivationShape.parse("784"));
        assertThrows(RefException.class, () -> ActivationShape.parse("3,32"));
    }
}
