package io.tensorgrade.grader.check.answer;

import io.tensorgrade.grader.check.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Readings of a shape answer that every shape kind recognises, besides its size mistakes: the spatial size
 * alone ({@code 7x7} for {@code [12, 7, 7]}: seed 000 answers "the total size of C's output feature map" with
 * 7x7, the channels implicit) and the number of values ({@code 588}), which is the answer when the question
 * asks for the total size ({@code total_size: true}).
 */
final class ShapeReadings {

    /** [H, W] for [C, H, W] with C > 1; half credit unless {@code mistake_credit} says otherwise. */
    static final String SPATIAL_SIZE_ONLY = "spatial_size_only";
    /** C*H*W for [C, H, W] when the shape is asked. */
    static final String ELEMENT_COUNT = "element_count";
    static final double SPATIAL_SIZE_CREDIT = 0.5;
    /** The part key: the question asks for the total size, so the number of values counts too. */
    static final String TOTAL_SIZE = "total_size";

    /** The readings of one expected shape. */
    record Readings(List<Alternative> accepted, List<Mistake> mistakes) {
        Readings {
            accepted = List.copyOf(accepted);
            mistakes = List.copyOf(mistakes);
        }
    }

    private ShapeReadings() {
    }

    /**
     * The readings of {@code expected} in {@code layout} (letters such as CHW; empty when unnamed). With one
     * channel, H x W is the whole answer (accepted); with more, it is {@link #SPATIAL_SIZE_ONLY}. The number of
     * values is accepted with {@code totalSize}, else the mistake {@link #ELEMENT_COUNT}.
     */
    static Readings of(Value.Shape expected, String layout, boolean totalSize) {
        List<Alternative> accepted = new ArrayList<>();
        List<Mistake> mistakes = new ArrayList<>();
        List<Integer> dims = expected.dims();
        int c = layout.indexOf('C');
        int h = layout.indexOf('H');
        int w = layout.indexOf('W');
        if (expected.rank() == 3 && c >= 0 && h >= 0 && w >= 0) {
            int channels = dims.get(c);
            Value.Shape spatial = Value.shape(dims.get(Math.min(h, w)), dims.get(Math.max(h, w)));
            if (channels == 1) {
                accepted.add(new Alternative("the single channel left implicit", spatial, 1.0,
                        "with one channel, H x W is the whole shape"));
            } else {
                mistakes.add(new Mistake(SPATIAL_SIZE_ONLY, spatial, "only the spatial size (H x W) is given and the "
                        + channels + " channels are left implicit", SPATIAL_SIZE_CREDIT));
            }
        }
        long count = dims.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
        if (expected.rank() >= 2 && count < 1_000_000_000) {
            Value.Shape total = Value.shape((int) count);
            String product = dims.stream().map(String::valueOf).collect(Collectors.joining(" x ")) + " = " + count;
            if (totalSize) {
                accepted.add(new Alternative("the total size", total, 1.0, "the number of values, " + product));
            } else {
                mistakes.add(Mistake.of(ELEMENT_COUNT, total, "the values are counted (" + product
                        + ") instead of giving the shape"));
            }
        }
        return new Readings(accepted, mistakes);
    }
}
