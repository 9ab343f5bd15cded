package dev.scalerhost.host.config;

import dev.scalerhost.spi.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The content of a configuration map without its locations, so that a reload can tell whether a
 * source's settings changed: moving a source within the file, or editing another part of it, does
 * not count as a change.
 */
public final class SettingsContent {

    private SettingsContent() {
    }

    /**
     * Whether {@code a} and {@code b} hold the same keys and values (after substitution), in any
     * order. Settings not read from a configuration file never compare equal.
     */
    public static boolean same(Settings a, Settings b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (!(a instanceof NodeSettings left) || !(b instanceof NodeSettings right)) {
            return false;
        }
        return plain(left.node()).equals(plain(right.node()));
    }

    /** As {@link #same}, ignoring the top-level {@code keys} (e.g. {@code target}, reported on their own). */
    public static boolean sameExcept(Settings a, Settings b, Set<String> keys) {
        Objects.requireNonNull(keys, "keys");
        if (!(a instanceof NodeSettings left) || !(b instanceof NodeSettings right)) {
            return false;
        }
        Object l = plain(left.node());
        Object r = plain(right.node());
        if (l instanceof Map<?, ?> lm && r instanceof Map<?, ?> rm) {
            Map<Object, Object> lc = new LinkedHashMap<>(lm);
            Map<Object, Object> rc = new LinkedHashMap<>(rm);
            lc.keySet().removeAll(keys);
            rc.keySet().removeAll(keys);
            return lc.equals(rc);
        }
        return l.equals(r);
    }

    /** Maps, lists and scalars as plain Java values: scalar type and text, no locations. */
    private static Object plain(ConfigNode node) {
        if (node instanceof MapNode map) {
            Map<String, Object> values = new LinkedHashMap<>();
            map.entries().forEach(entry -> values.put(entry.key(), plain(entry.value())));
            return values;
        }
        if (node instanceof ListNode list) {
            List<Object> items = new ArrayList<>(list.items().size());
            list.items().forEach(item -> items.add(plain(item)));
            return items;
        }
        ScalarNode scalar = (ScalarNode) node;
        return List.of(scalar.type(), scalar.text());
    }
}
