package io.tensorgrade.grader.yaml;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DidYouMeanTest {

    private static final List<String> KEYS = List.of("kernel", "padding", "stride", "dilation");

    @Test
    void suggestsTheNameOneTypoAway() {
        assertEquals(Optional.of("kernel"), DidYouMean.closest("kernal", KEYS));
    }

    @Test
    void suggestsTheNameWithTwoLettersSwapped() {
        assertEquals(Optional.of("stride"), DidYouMean.closest("sdtride", KEYS));
        assertEquals(Optional.of("padding"), DidYouMean.closest("paddnig", KEYS));
    }

    @Test
    void ignoresCase() {
        assertEquals(Optional.of("padding"), DidYouMean.closest("Padding", KEYS));
    }

    @Test
    void suggestsNothingForAnUnrelatedWord() {
        assertEquals(Optional.empty(), DidYouMean.closest("groups", KEYS));
        assertEquals("", DidYouMean.hint("bias", KEYS));
    }

    @Test
    void hintIsAParenthesisedQuestion() {
        assertEquals(" (did you mean 'flops'?)", DidYouMean.hint("flop", List.of("flops", "integer")));
    }
}
