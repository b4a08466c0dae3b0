package io.tensorgrade.grader.check.model;

import io.tensorgrade.ref.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StateDictNamesTest {

    private static Map<String, Tensor> keys(String... names) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, Tensor.zeros(1));
        }
        return m;
    }

    @Test
    void dataParallelPrefixIsRemovedKeepingTheOrder() {
        StateDictNames.Stripped s = StateDictNames.strip(keys("module.fc.weight", "module.conv.weight"));

        assertEquals(List.of("fc.weight", "conv.weight"), List.copyOf(s.tensors().keySet()));
        assertEquals("module.", s.removed());
    }

    @Test
    void nestedWrapperPrefixesAreAllRemoved() {
        StateDictNames.Stripped s = StateDictNames.strip(keys("module._orig_mod.fc.weight", "module._orig_mod.fc.bias"));

        assertEquals(List.of("fc.weight", "fc.bias"), List.copyOf(s.tensors().keySet()));
        assertEquals("module._orig_mod.", s.removed());
    }

    @Test
    void aPrefixOnlySomeKeysHaveStays() {
        StateDictNames.Stripped s = StateDictNames.strip(keys("module.fc.weight", "head.weight"));

        assertEquals(List.of("module.fc.weight", "head.weight"), List.copyOf(s.tensors().keySet()));
        assertEquals("", s.removed());
    }
}
