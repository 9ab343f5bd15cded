package dev.scalerhost.host.runtime;

import dev.scalerhost.host.engine.EngineSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** One line for the log on what a reload changed: serviceTypes added and removed, sources kept, opened and closed. */
final class ReloadSummary {

    private ReloadSummary() {
    }

    static String of(LoadedHost before, LoadedHost after) {
        Set<String> oldTypes = before.config().serviceTypes().keySet();
        Set<String> newTypes = after.config().serviceTypes().keySet();
        Set<EngineSource> oldSources = identities(before.sources());
        Set<EngineSource> newSources = identities(after.sources());
        List<String> kept = new ArrayList<>();
        List<String> opened = new ArrayList<>();
        for (EngineSource source : after.sources()) {
            (oldSources.contains(source) ? kept : opened).add(source.name());
        }
        List<String> closed = before.sources().stream().filter(s -> !newSources.contains(s))
                .map(EngineSource::name).toList();
        return newTypes.size() + " serviceTypes (added: " + names(newTypes.stream().filter(t -> !oldTypes.contains(t)).toList())
                + "; removed: " + names(oldTypes.stream().filter(t -> !newTypes.contains(t)).toList())
                + "); sources kept: " + names(kept) + "; opened: " + names(opened) + "; closed: " + names(closed);
    }

    private static Set<EngineSource> identities(List<EngineSource> sources) {
        Set<EngineSource> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(sources);
        return set;
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
