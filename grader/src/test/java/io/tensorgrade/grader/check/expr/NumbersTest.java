package io.tensorgrade.grader.check.expr;

import io.tensorgrade.grader.check.Tolerance;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumbersTest {

    @Test
    void wholeNumbersPrintWithoutDecimals() {
        assertEquals("7", Numbers.format(7.0));
        assertEquals("-3", Numbers.format(-3.0));
        assertEquals("0.731059", Numbers.format(0.7310585786300049));
        assertEquals("1.23457E-7", Numbers.format(1.234567e-7));
        assertEquals("NaN", Numbers.format(Double.NaN));
        assertEquals("-inf", Numbers.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void pairUsesEnoughDigitsToTellValuesApart() {
        assertArrayEquals(new String[] {"0.12345671", "0.12345675"}, Numbers.formatPair(0.123456711, 0.123456749));
        assertArrayEquals(new String[] {"4", "5"}, Numbers.formatPair(4, 5));
        assertArrayEquals(new String[] {"0.5", "0.5"}, Numbers.formatPair(0.5, 0.5));
    }

    @Test
    void toleranceAcceptsWithinAbsolutePlusRelativeAndEqualInfinities() {
        Tolerance t = new Tolerance(1e-3, 1e-2);
        assertTrue(t.accepts(100, 101.0005));
        assertFalse(t.accepts(100, 101.0015));
        assertTrue(t.accepts(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertFalse(t.accepts(Double.POSITIVE_INFINITY, 1e308));
        assertFalse(t.accepts(Double.NaN, Double.NaN));
    }
}
