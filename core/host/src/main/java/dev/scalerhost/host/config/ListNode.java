package dev.scalerhost.host.config;

import java.util.List;
import java.util.Objects;

/**
 * A YAML sequence.
 *
 * @param location where the sequence starts
 * @param items    the items, in file order
 */
public record ListNode(Location location, List<ConfigNode> items) implements ConfigNode {

    public ListNode {
        Objects.requireNonNull(location, "location");
        items = List.copyOf(items);
    }

    @Override
    public String kind() {
        return "a list";
    }
}
