package dev.scalerhost.host.runtime;

import dev.scalerhost.host.config.HostKeys;
import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.SettingsContent;
import dev.scalerhost.host.config.SourceConfig;
import dev.scalerhost.host.engine.EngineSource;
import dev.scalerhost.host.engine.SafeText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One line for the log on what a reload changed: serviceTypes added, removed and changed (with what
 * changed in each), sources kept, opened and closed, and sources opened anew because a measurement
 * of theirs had not returned.
 */
final class ReloadSummary {

    private ReloadSummary() {
    }

    static String of(LoadedHost before, LoadedHost after) {
        Map<String, ServiceTypeConfig> oldTypes = before.config().serviceTypes();
        Map<String, ServiceTypeConfig> newTypes = after.config().serviceTypes();
        List<String> changed = new ArrayList<>();
        newTypes.forEach((name, now) -> {
            ServiceTypeConfig was = oldTypes.get(name);
            if (was != null) {
                String change = change(was, now);
                if (!change.isEmpty()) {
                    changed.add(name + " (" + change + ")");
                }
            }
        });
        Set<EngineSource> oldSources = identities(before.sources());
        Set<EngineSource> newSources = identities(after.sources());
        List<String> kept = new ArrayList<>();
        List<String> opened = new ArrayList<>();
        for (EngineSource source : after.sources()) {
            (oldSources.contains(source) ? kept : opened).add(source.name());
        }
        List<String> closed = before.sources().stream().filter(s -> !newSources.contains(s))
                .map(EngineSource::name).toList();
        List<String> reopened = reopened(before, after);
        return newTypes.size() + " serviceTypes (added: "
                + names(newTypes.keySet().stream().filter(t -> !oldTypes.containsKey(t)).toList())
                + "; removed: " + names(oldTypes.keySet().stream().filter(t -> !newTypes.containsKey(t)).toList())
                + "; changed: " + names(changed)
                + "); sources kept: " + names(kept) + "; opened: " + names(opened) + "; closed: " + names(closed)
                + (reopened.isEmpty() ? "" : "; " + reopenedNote(reopened));
    }

    /**
     * Sources whose settings did not change but that were opened anew, because a measurement held
     * the running instance past the reload's wait: that instance and its stuck call are abandoned.
     */
    static List<String> reopened(LoadedHost before, LoadedHost after) {
        Set<EngineSource> oldSources = identities(before.sources());
        List<String> reopened = new ArrayList<>();
        for (EngineSource source : after.sources()) {
            SourceConfig was = before.config().sources().get(source.name());
            SourceConfig now = after.config().sources().get(source.name());
            boolean hadOne = before.sources().stream().anyMatch(s -> s.name().equals(source.name()));
            if (!oldSources.contains(source) && hadOne && was != null && now != null && was.type().equals(now.type())
                    && SettingsContent.same(was.settings(), now.settings())) {
                reopened.add(source.name());
            }
        }
        return reopened;
    }

    static String reopenedNote(List<String> reopened) {
        return "opened anew because a measurement of the running instance had not returned (that call is "
                + "abandoned): " + String.join(", ", reopened);
    }

    /** What differs between two versions of one serviceType, e.g. {@code target 10 -> 20}; empty if nothing. */
    private static String change(ServiceTypeConfig was, ServiceTypeConfig now) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(was.source(), now.source())) {
            changes.add("source " + shown(was) + " -> " + shown(now));
        }
        if (was.target() != now.target()) {
            changes.add("target " + number(was.target()) + " -> " + number(now.target()));
        }
        if (was.activation() != now.activation()) {
            changes.add("activation " + number(was.activation()) + " -> " + number(now.activation()));
        }
        timing(changes, "refreshInterval", was.timing().refreshInterval(), now.timing().refreshInterval());
        timing(changes, "timeout", was.timing().timeout(), now.timing().timeout());
        timing(changes, "maxStaleness", was.timing().maxStaleness(), now.timing().maxStaleness());
        if (!was.metadataOverrides().equals(now.metadataOverrides())) {
            changes.add("metadata overrides");
        }
        if (was.isComposite() && now.isComposite() && !was.composite().equals(now.composite())) {
            changes.add("parts");
        } else if (!was.isComposite() && !now.isComposite() && Objects.equals(was.source(), now.source())
                && !SettingsContent.sameExcept(was.params(), now.params(), Set.copyOf(HostKeys.OVERRIDABLE))) {
            changes.add("settings");
        }
        return String.join(", ", changes);
    }

    private static void timing(List<String> changes, String name, Duration was, Duration now) {
        if (!was.equals(now)) {
            changes.add(name + " " + SafeText.duration(was) + " -> " + SafeText.duration(now));
        }
    }

    private static String shown(ServiceTypeConfig config) {
        return config.isComposite() ? "composite" : config.source();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
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
