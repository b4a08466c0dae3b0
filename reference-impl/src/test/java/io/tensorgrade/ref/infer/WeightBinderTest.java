package io.tensorgrade.ref.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.LayerSpec.BatchNorm2d;
import io.tensorgrade.ref.net.LayerSpec.Conv2d;
import io.tensorgrade.ref.net.LayerSpec.Flatten;
import io.tensorgrade.ref.net.LayerSpec.Linear;
import io.tensorgrade.ref.net.LayerSpec.Relu;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.net.Zoo;
import io.tensorgrade.ref.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matching state_dict keys to layers, and the messages when they do not fit. */
class WeightBinderTest {
    /** conv1 - bn1 - relu - flatten - fc, as a hand-written module with named attributes would store it. */
    private static final NetworkSpec NET = new NetworkSpec("small", List.of(Conv2d.of(3, 4, 3, 1, 1),
            new BatchNorm2d(4, true), new Relu(), new Flatten(), new Linear(4 * 5 * 5, 10, true)));

    private static Map<String, Tensor> handWritten() {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("conv1.weight", Tensor.zeros(4, 3, 3, 3));
        sd.put("conv1.bias", Tensor.zeros(4));
        sd.put("bn1.weight", Tensor.full(1, 4));
        sd.put("bn1.bias", Tensor.zeros(4));
        sd.put("bn1.running_mean", Tensor.zeros(4));
        sd.put("bn1.running_var", Tensor.full(1, 4));
        sd.put("bn1.num_batches_tracked", Tensor.scalar(3));
        sd.put("fc.weight", Tensor.zeros(10, 100));
        sd.put("fc.bias", Tensor.zeros(10));
        return sd;
    }

    @Test
    void inOrderGivesTheLayersWithWeightsTheModulesInKeyOrder() {
        Map<String, Tensor> sd = handWritten();
        assertEquals(Map.of(1, "conv1", 2, "bn1", 5, "fc"),
                WeightNaming.inOrder().prefixes(NET, List.copyOf(sd.keySet())));
        Map<Integer, LayerWeights> bound = WeightBinder.bind(NET, sd, WeightNaming.inOrder());
        assertSame(sd.get("bn1.running_var"), bound.get(2).runningVar());
        assertSame(sd.get("fc.weight"), bound.get(5).weight());
    }

    @Test
    void inOrderReadsNumberedSequentialKeysInTheirOrderNotAlphabetically() {
        Map<String, Tensor> sd = RandomStateDict.of(Zoo.get("cs5242-cnn"), 1);
        Map<Integer, String> prefixes = WeightNaming.inOrder().prefixes(Zoo.get("cs5242-cnn"), List.copyOf(sd.keySet()));
        assertEquals("12", prefixes.get(13));
        assertEquals("21", prefixes.get(22));
    }

    @Test
    void explicitNamingTakesAnyOrder() {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        handWritten().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sd.put(e.getKey(), e.getValue()));
        Map<Integer, LayerWeights> bound = WeightBinder.bind(NET, sd,
                WeightNaming.explicit(Map.of(1, "conv1", 2, "bn1", 5, "fc")));
        assertSame(sd.get("conv1.weight"), bound.get(1).weight());
    }

    @Test
    void missingModuleIsReportedWithExpectedAndFoundKeys() {
        Map<String, Tensor> sd = handWritten();
        sd.remove("fc.weight");
        sd.remove("fc.bias");
        RefException e = assertThrows(RefException.class, () -> WeightBinder.bind(NET, sd, WeightNaming.inOrder()));
        assertTrue(e.getMessage().startsWith("the weights do not fit network small: layer 5 (linear 100->10): "
                + "no state_dict module is left for it"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 1 (conv2d 3->4 k=3 p=1) <- 'conv1': weight [4, 3, 3, 3], bias [4]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("'bn1': weight [4], bias [4], running_mean [4], running_var [4], "
                + "num_batches_tracked []"), e.getMessage());
    }

    @Test
    void wrongShapeNamesTheKeyAndBothShapes() {
        Map<String, Tensor> sd = handWritten();
        sd.put("conv1.weight", Tensor.zeros(4, 1, 3, 3));
        RefException e = assertThrows(RefException.class, () -> WeightBinder.bind(NET, sd, WeightNaming.inOrder()));
        assertTrue(e.getMessage().contains("layer 1 (conv2d 3->4 k=3 p=1): conv1.weight has shape [4, 1, 3, 3], "
                + "expected [4, 3, 3, 3]"), e.getMessage());
    }

    @Test
    void missingBiasAndUnexpectedKeysAreReported() {
        Map<String, Tensor> sd = handWritten();
        sd.remove("conv1.bias");
        sd.put("fc.weight_orig", Tensor.zeros(10, 100));
        RefException e = assertThrows(RefException.class, () -> WeightBinder.bind(NET, sd, WeightNaming.inOrder()));
        assertTrue(e.getMessage().contains("layer 1 (conv2d 3->4 k=3 p=1): missing conv1.bias [4]"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 5 (linear 100->10): unexpected fc.weight_orig [10, 100]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("(and 1 more)"), e.getMessage());
    }

    @Test
    void extraModuleIsNotSilentlyIgnored() {
        Map<String, Tensor> sd = handWritten();
        sd.put("aux.weight", Tensor.zeros(2, 100));
        RefException e = assertThrows(RefException.class, () -> WeightBinder.bind(NET, sd, WeightNaming.inOrder()));
        assertTrue(e.getMessage().contains("module 'aux' (weight [2, 100]) is not used by any layer"), e.getMessage());
    }

    @Test
    void explicitPrefixForALayerWithoutWeightsIsRejected() {
        RefException e = assertThrows(RefException.class, () -> WeightBinder.bind(NET, handWritten(),
                WeightNaming.explicit(Map.of(1, "conv1", 2, "bn1", 3, "fc"))));
        assertEquals("weight naming: layer 3 (relu) of network small has no weights, but prefix 'fc' was given for it",
                e.getMessage());
    }

    @Test
    void unsupportedLayerIsNamedAtCompileTime() {
        NetworkSpec lenet = Zoo.get("lenet5-partial-c3");
        RefException e = assertThrows(RefException.class,
                () -> InferenceModel.compile(lenet, RandomStateDict.of(lenet, 1), WeightNaming.inOrder()));
        assertTrue(e.getMessage().startsWith("inference does not support layer 5 (table_conv2d 6->16"), e.getMessage());
    }
}
