package dev.scalerhost.host.config;

import dev.scalerhost.spi.ConfigKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a map against its declared keys: any other key is unknown (with the nearest declared key as
 * a suggestion), and a declared key present but read by nobody has its value checked against its
 * declared type, by the accessor of that type, so the problem reads as if a reader had found it.
 * Sections with declared keys are checked the same way, all the way down.
 */
final class DeclaredKeys {

    private DeclaredKeys() {
    }

    static void report(NodeSettings settings, List<ConfigKey> keys) {
        Set<String> known = new LinkedHashSet<>(settings.preset());
        for (ConfigKey key : keys) {
            known.add(key.name());
            known.addAll(key.aliases());
        }
        UnknownKeys.report(settings, settings.node(), known, settings.problems());
        for (ConfigKey key : keys) {
            for (String spelling : spellings(key)) {
                if (settings.has(spelling) && !settings.preset().contains(spelling)) {
                    check(settings, key, spelling);
                }
            }
        }
    }

    private static List<String> spellings(ConfigKey key) {
        return Stream.concat(Stream.of(key.name()), key.aliases().stream()).toList();
    }

    private static void check(NodeSettings settings, ConfigKey key, String spelling) {
        boolean unread = !settings.wasRead(spelling);
        if (unread && !settings.problems().anyAtOrBelow(settings.pathOf(spelling))) {
            read(settings, key, spelling);
        }
        // A section nobody read and whose keys are not declared cannot be checked.
        boolean checkable = !key.keys().isEmpty() || !unread;
        if ((key.type() == ConfigKey.Type.SECTION || key.type() == ConfigKey.Type.SECTIONS) && checkable) {
            for (NodeSettings section : settings.childrenAt(spelling)) {
                if (!key.keys().isEmpty()) {
                    section.declareKeys(key.keys());
                }
                section.reportUnknownKeys();
            }
        }
    }

    /** Reads the value as its type says, which records any problem with it. */
    private static void read(NodeSettings settings, ConfigKey key, String spelling) {
        switch (key.type()) {
            case STRING, SECRET -> {
                if (key.values().isEmpty()) {
                    settings.optionalString(spelling);
                } else {
                    settings.oneOf(spelling, null, key.values().toArray(String[]::new));
                }
            }
            case BOOLEAN -> settings.bool(spelling, false);
            case INTEGER -> settings.longValue(spelling, 0, Long.MIN_VALUE, Long.MAX_VALUE);
            case NUMBER -> settings.number(spelling, 0);
            case DURATION -> settings.duration(spelling, null);
            case STRING_LIST -> settings.stringList(spelling);
            case STRING_MAP -> settings.stringMap(spelling);
            case SECTION -> settings.sectionNode(spelling);
            case SECTIONS -> settings.sections(spelling);
        }
    }
}
