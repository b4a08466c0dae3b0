package io.tensorgrade.grader.check.network;

import io.tensorgrade.grader.check.ConfigReader;
import io.tensorgrade.grader.check.answer.AnswerCheck;
import io.tensorgrade.grader.check.answer.ShapeKind;
import io.tensorgrade.ref.RefException;
import io.tensorgrade.ref.net.ActivationShape;
import io.tensorgrade.ref.net.LayerSpec;
import io.tensorgrade.ref.net.NetworkSpec;
import io.tensorgrade.ref.shape.Chw;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** What the three shape kinds share: their common keys and how a question becomes a shape check. */
final class ShapeKinds {

    /** Keys of every shape kind besides its question: as {@code check: shape}, without expected/derivation. */
    static final Set<String> COMMON = ShapeKind.ANSWER_KEYS;

    /** Keys of the one-layer kinds. */
    static final Set<String> SINGLE = java.util.stream.Stream.concat(Stream.of("given"), COMMON.stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * The built-in mistake ids of the shape kinds: {@link ShapeQuestion#mistakes()}, then those of every shape
     * kind (spatial_size_only, element_count, wrong_order).
     */
    static final List<String> BUILT_IN_MISTAKES = Stream.of(
            java.util.Arrays.stream(SizeMistake.values()).map(SizeMistake::id),
            Stream.of("input_channels_kept"), ShapeKind.BUILT_IN_MISTAKES.stream()).flatMap(s -> s).toList();

    private ShapeKinds() {
    }

    /** The {@code given} mapping, or empty with a problem recorded. */
    static Optional<ConfigReader> given(ConfigReader config, Collection<String> keys) {
        if (!config.has("given")) {
            config.error("given", "missing required field 'given' (keys: " + String.join(", ", keys) + ")");
            return Optional.empty();
        }
        return config.map("given", keys);
    }

    /** A one-layer question; the layer's own {@link RefException} (e.g. groups) is reported at {@code given}. */
    static AnswerCheck singleLayer(ConfigReader config, Chw input, Supplier<LayerSpec> layer) {
        NetworkSpec net;
        try {
            LayerSpec spec = layer.get();
            spec.outputShape(ActivationShape.of(input));
            net = new NetworkSpec("layer", List.of(spec));
        } catch (RefException e) {
            config.error("given", e.getMessage());
            return null;
        }
        return check(config, new ShapeQuestion(net, ActivationShape.of(input), 1));
    }

    /** The check of {@code question}, or null with a problem recorded when the reference refuses it. */
    static AnswerCheck check(ConfigReader config, ShapeQuestion question) {
        try {
            return ShapeKind.answerCheck(config, question.expected(), question.derivation(),
                    List.of(), question.mistakes());
        } catch (RefException e) {
            config.error(config.has("given") ? "given" : "input", e.getMessage());
            return null;
        }
    }
}
