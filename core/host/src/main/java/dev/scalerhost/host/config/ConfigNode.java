package dev.scalerhost.host.config;

/**
 * A node of a configuration file, with its location: a map, a list or a scalar.
 */
public sealed interface ConfigNode permits MapNode, ListNode, ScalarNode {

    /** Where the node starts in the file. */
    Location location();

    /** What the node is, for messages: "a map", "a list", "a value", "nothing". */
    String kind();

    /** Whether this is YAML's null ({@code ~}, or nothing after the colon), which counts as absent. */
    default boolean isNull() {
        return this instanceof ScalarNode scalar && scalar.type() == ScalarNode.Type.NULL;
    }
}
