package io.tensorgrade.ref.io;

import io.tensorgrade.ref.RefException;

/**
 * Loads a pickle from an untrusted file without executing anything: the {@link PickleMachine} with an
 * allow-list of Java stand-ins ({@link PickleGlobals}), structural limits and an allocation
 * {@link Budget}. Every failure becomes a {@link RefException} that starts with the file's name.
 */
final class SafeUnpickler {
    private SafeUnpickler() {
    }

    /** The value of a pickle and the position just after its STOP opcode. */
    record Result(Object value, int end) {
    }

    /**
     * Loads the pickle starting at {@code start} of {@code bytes}.
     *
     * @param name       the file (and member) for messages, e.g. {@code model.pt: data.pkl}
     * @param persistent resolves persistent ids; null refuses them
     */
    static Result load(byte[] bytes, int start, String name, PickleGlobals globals,
            PickleMachine.PersistentLoader persistent, Budget budget, PickleLimits limits) {
        PickleMachine machine = new PickleMachine(bytes, start, globals, persistent, budget, limits);
        try {
            Object value = machine.run();
            return new Result(value, machine.position());
        } catch (PickleException e) {
            throw new RefException(name + (e.continuesName() ? " " : ": ") + e.getMessage(), e);
        } catch (StackOverflowError e) {
            // Defence in depth: tuple depth is limited, so this should not happen.
            throw new RefException(name + ": the pickle nests values too deeply to read");
        }
    }

    /** Loads a whole pickle with the default limits. */
    static Object load(byte[] bytes, String name, PickleGlobals globals, PickleMachine.PersistentLoader persistent,
            Budget budget) {
        return load(bytes, 0, name, globals, persistent, budget, PickleLimits.DEFAULT).value();
    }
}
