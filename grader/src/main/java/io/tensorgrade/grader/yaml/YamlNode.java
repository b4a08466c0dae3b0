package io.tensorgrade.grader.yaml;

/**
 * A node of a YAML or JSON document that remembers the line it starts on, so that every
 * message about it can say {@code file:line}.
 */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    /** The 1-based line where the node starts in its file. */
    int line();

    /** A short description of the node for messages, e.g. {@code a list} or {@code the text 'seven'}. */
    String describe();

    /** The node in compact flow style, e.g. {@code [12, 7, 7]}, for echoing an answer back. */
    String flow();
}
