package io.tensorgrade.grader.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** A sequence of nodes. */
public record YamlList(List<YamlNode> items, int line) implements YamlNode {

    public YamlList {
        items = List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    public YamlNode get(int index) {
        return items.get(index);
    }

    @Override
    public String describe() {
        return "a list of " + items.size() + (items.size() == 1 ? " item" : " items");
    }

    @Override
    public String flow() {
        return items.stream().map(YamlNode::flow).collect(Collectors.joining(", ", "[", "]"));
    }
}
