package io.tensorgrade.grader.sandbox.select;

import io.tensorgrade.grader.sandbox.Sandbox;
import io.tensorgrade.grader.sandbox.docker.DockerSandbox;
import io.tensorgrade.grader.sandbox.docker.SandboxImage;
import io.tensorgrade.grader.sandbox.process.ProcessSandbox;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Picks the sandbox for a {@link SandboxMode}. */
public final class Sandboxes {
    private Sandboxes() {
    }

    /**
     * The chosen sandbox and why it was chosen (for the log and the report).
     *
     * @param sandbox the sandbox
     * @param reason  one sentence, e.g. "process sandbox: no Docker daemon answers (...)"
     */
    public record Choice(Sandbox sandbox, String reason) {
        public Choice {
            Objects.requireNonNull(sandbox, "sandbox");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Creates the sandbox for {@code mode}. DOCKER and PROCESS throw a GraderException saying how to
     * fix a missing daemon, image or Python; AUTO falls back to the process sandbox and says why.
     */
    public static Choice choose(SandboxMode mode, String image, Path python) {
        switch (mode) {
            case DOCKER:
                return new Choice(DockerSandbox.create(image), "docker sandbox (" + image + ")");
            case PROCESS:
                return new Choice(ProcessSandbox.create(python), "process sandbox, as asked");
            default:
                String problem = SandboxImage.problem(image);
                if (problem == null) {
                    return new Choice(DockerSandbox.create(image), "docker sandbox (" + image + "): the daemon answers "
                            + "and the image is current");
                }
                ProcessSandbox p = ProcessSandbox.create(python);
                return new Choice(p, "process sandbox, because " + problem + ". " + p.isolation());
        }
    }

    /**
     * A supplier that makes the choice on first use and then always returns that sandbox, logging the
     * reason once; a failed choice is remembered and rethrown, so every part says the same thing.
     * Closing it closes the sandbox if one was made (the Docker sandbox holds pre-started containers).
     */
    public static Lazy lazy(Supplier<Choice> choose, Consumer<String> log) {
        return new Lazy(choose, log);
    }

    /** See {@link #lazy}. Thread-safe. */
    public static final class Lazy implements Supplier<Sandbox>, AutoCloseable {
        private final Supplier<Choice> choose;
        private final Consumer<String> log;
        private Sandbox sandbox;
        private RuntimeException failure;

        private Lazy(Supplier<Choice> choose, Consumer<String> log) {
            this.choose = Objects.requireNonNull(choose, "choose");
            this.log = Objects.requireNonNull(log, "log");
        }

        @Override
        public synchronized Sandbox get() {
            if (sandbox == null && failure == null) {
                try {
                    Choice c = choose.get();
                    log.accept(c.reason());
                    sandbox = c.sandbox();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return sandbox;
        }

        /** Stops the jobs of the sandbox, if one was made (see {@link Sandbox#abort}); never makes one. */
        public void abort() {
            Sandbox made;
            synchronized (this) {
                made = sandbox;
            }
            if (made != null) {
                made.abort();
            }
        }

        @Override
        public synchronized void close() {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }
}
