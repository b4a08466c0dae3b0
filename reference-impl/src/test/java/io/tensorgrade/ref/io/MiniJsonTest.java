package io.tensorgrade.ref.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniJsonTest {
    @Test
    void readsASafetensorsHeaderInOrder() {
        Object v = MiniJson.parse(" {\"b\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"a\":[true,false,null,-1.5e2,\"\\u00e9\\n\"]}  ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("b", "a"), List.copyOf(m.keySet()));
        assertEquals(List.of(2L, 3L), ((Map<?, ?>) m.get("b")).get("shape"));
        assertEquals(Arrays.asList(true, false, null, -150.0, "\u00e9\n"), m.get("a"));
    }

    @Test
    void refusesDuplicateKeysDeepNestingAndTrailingText() {
        assertEquals("duplicate key \"w\" at character 11",
                assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{\"w\":1,\"w\":2}")).getMessage());
        assertEquals("JSON nested more than 32 deep at character 33", assertThrows(IllegalArgumentException.class,
                () -> MiniJson.parse("[".repeat(40) + "]".repeat(40))).getMessage());
        assertEquals("unexpected text after the JSON value at character 3",
                assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{} x")).getMessage());
        assertEquals("bad number '01' at character 3",
                assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("[01]")).getMessage());
    }
}
