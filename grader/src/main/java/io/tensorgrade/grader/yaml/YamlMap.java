package io.tensorgrade.grader.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A mapping with string keys in file order; remembers the line of every key. */
public record YamlMap(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line) implements YamlNode {

    public YamlMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        keyLines = Map.copyOf(keyLines);
    }

    /** The value of {@code key}, or null when the key is absent. */
    public YamlNode get(String key) {
        return entries.get(key);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The keys in file order. */
    public Set<String> keys() {
        return entries.keySet();
    }

    /** The line of {@code key}, or the line of the map when the key is absent. */
    public int lineOf(String key) {
        return keyLines.getOrDefault(key, line);
    }

    @Override
    public String describe() {
        return "a mapping";
    }

    @Override
    public String flow() {
        return entries.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().flow())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
