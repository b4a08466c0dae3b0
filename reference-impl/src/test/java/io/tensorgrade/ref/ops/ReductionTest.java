package io.tensorgrade.ref.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tensorgrade.ref.RefException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReductionTest {
    @ParameterizedTest
    @EnumSource(Reduction.class)
    void parseReadsPytorchNames(Reduction r) {
        assertEquals(r, Reduction.parse(r.pytorchName()));
    }

    @Test
    void parseIgnoresCaseAndSurroundingSpaces() {
        assertEquals(Reduction.SUM, Reduction.parse(" Sum "));
    }

    @Test
    void parseRejectsUnknownNamesListingTheKnownOnes() {
        RefException e = assertThrows(RefException.class, () -> Reduction.parse("avg"));
        assertEquals("reduction='avg' is not valid; expected 'mean', 'sum' or 'none'", e.getMessage());
        assertTrue(assertThrows(RefException.class, () -> Reduction.parse(null)).getMessage().contains("null"));
    }
}
