package io.tensorgrade.grader.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/** One argument of a student's function: an input tensor, a JSON literal, or an earlier step's result. */
public sealed interface Arg permits Arg.Input, Arg.Json, Arg.Handle, Arg.Data {

    /** The input tensor with this name (see {@link SandboxJob#inputs()}), fresh for every call. */
    static Arg input(String name) {
        return new Input(name);
    }

    /** A JSON literal: numbers, strings, booleans, null, lists and maps of them (e.g. {@code conv_param}). */
    static Arg json(Object value) {
        return new Json(JsonSupport.literal(value));
    }

    /** The whole object an earlier call returned; it never leaves the sandbox. */
    static Arg handle(String step) {
        return new Handle(step, null);
    }

    /** Element {@code index} of the tuple an earlier call returned, e.g. the cache in {@code out, cache}. */
    static Arg handle(String step, int index) {
        return new Handle(step, index);
    }

    /** The absolute path, as a string, of the data file {@code name} (see {@link SandboxJob#data()}). */
    static Arg data(String name) {
        return new Data(name);
    }

    /** An input tensor by name. */
    record Input(String name) implements Arg {
        public Input {
            Names.id("input name", name);
        }
    }

    /** A JSON literal; the node is copied. */
    record Json(JsonNode value) implements Arg {
        public Json {
            value = JsonSupport.literal(value);
        }

        @Override
        public JsonNode value() {
            return value.deepCopy();
        }
    }

    /**
     * An object returned by an earlier call of the same job.
     *
     * @param step  the id of that call
     * @param index the tuple element, or null for the whole object
     */
    record Handle(String step, Integer index) implements Arg {
        public Handle {
            Names.id("handle step", step);
            if (index != null && index < 0) {
                throw new IllegalArgumentException("Handle: index=" + index + " must be >= 0");
            }
        }
    }

    /** A rubric data file by name; the function receives its path inside the sandbox. */
    record Data(String name) implements Arg {
        public Data {
            Names.file("data file", name);
        }
    }
}
