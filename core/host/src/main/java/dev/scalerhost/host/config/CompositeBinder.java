package dev.scalerhost.host.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds the composite entries of {@code serviceTypes:} (those with {@code composite:} or {@code of:})
 * in two steps: {@link #read} checks each entry on its own; {@link #resolve}, once the measured
 * serviceTypes are bound, checks the parts against each other (composites of composites must not form
 * a cycle) and derives each composite's timing from its parts'.
 */
final class CompositeBinder {

    private static final String COMPOSITE = HostKeys.COMPOSITE.name();
    private static final String OF = HostKeys.OF.name();
    private static final String SOURCE = HostKeys.SOURCE.name();
    private static final String EXAMPLE = "e.g. of: [queue-depth, backpressure], or with weights "
            + "of: {queue-depth: 1, backpressure: 2500}";

    /** An entry that passed {@link #read}. */
    private record Draft(String name, NodeSettings host, CompositeConfig composite, double target, double activation,
            Set<String> overrides) {
    }

    private final Problems problems;
    private final List<String> names;
    private final Map<String, Draft> drafts = new LinkedHashMap<>();
    private final Set<String> unresolvable = new HashSet<>();

    /** @param names every serviceType of the section, measured and composite */
    CompositeBinder(Problems problems, Collection<String> names) {
        this.problems = problems;
        this.names = List.copyOf(names);
    }

    static boolean isComposite(MapNode map) {
        return map.get(COMPOSITE).isPresent() || map.get(OF).isPresent();
    }

    /** Checks one composite entry; every problem is reported, and only a clean entry is kept. */
    void read(String path, String name, MapNode map) {
        NodeSettings host = new NodeSettings(path, map, problems, Set.of());
        if (host.has(SOURCE)) {
            host.problem(SOURCE, "a composite serviceType has no source: its value comes from the serviceTypes "
                    + "under 'of'; remove 'source', or remove 'composite' and 'of' to measure it from the source");
        }
        for (String key : HostKeys.names(HostKeys.TIMING)) {
            if (host.has(key)) {
                host.problem(key, "a composite serviceType has no " + key + " of its own: it is answered from its "
                        + "parts' cached values, so set " + key + " on the parts or their sources");
            }
        }
        CompositeConfig.Operator operator = operator(host);
        double target = ServiceTypeBinder.target(host, HostKeys.TARGET.name(), Map.of());
        double activation = host.number(HostKeys.ACTIVATION.name(), 0);
        Set<String> overrides = ServiceTypeBinder.overrides(host);
        Map<String, Double> parts = parts(host, name);
        // Their problems say why a composite has none of them, so they are not unknown as well.
        host.declare(SOURCE);
        host.declare(HostKeys.names(HostKeys.TIMING));
        host.declare(OF);
        host.declareKeys(HostKeys.COMPOSITE_KEYS);
        host.reportUnknownKeys();
        if (!problems.anyAtOrBelow(path)) {
            drafts.put(name, new Draft(name, host, new CompositeConfig(operator, parts), target, activation, overrides));
        }
    }

    /**
     * The composites whose parts all bound, by name. {@code measured} are the serviceTypes with a
     * source that bound cleanly; a composite with a part that did not is left out (that part's
     * problem is reported already).
     */
    Map<String, ServiceTypeConfig> resolve(Map<String, ServiceTypeConfig> measured) {
        Map<String, ServiceTypeConfig> bound = new LinkedHashMap<>();
        for (Draft draft : drafts.values()) {
            resolve(draft, measured, bound, new ArrayList<>());
        }
        return bound;
    }

    private ServiceTypeConfig resolve(Draft draft, Map<String, ServiceTypeConfig> measured, Map<String, ServiceTypeConfig> bound,
            List<String> chain) {
        if (bound.containsKey(draft.name()) || unresolvable.contains(draft.name())) {
            return bound.get(draft.name());
        }
        int start = chain.indexOf(draft.name());
        if (start >= 0) {
            List<String> cycle = new ArrayList<>(chain.subList(start, chain.size()));
            cycle.add(draft.name());
            drafts.get(cycle.get(0)).host().problem(OF, "composites form a cycle: " + String.join(" -> ", cycle)
                    + "; every chain of parts must end in serviceTypes measured by a source");
            return null;
        }
        chain.add(draft.name());
        Timing timing = null;
        boolean complete = true;
        for (String part : draft.composite().parts().keySet()) {
            ServiceTypeConfig config = measured.get(part);
            if (config == null && drafts.containsKey(part)) {
                config = resolve(drafts.get(part), measured, bound, chain);
            }
            if (config == null) {
                complete = false;
            } else {
                timing = timing == null ? config.timing() : merge(timing, config.timing());
            }
        }
        chain.remove(chain.size() - 1);
        if (!complete) {
            unresolvable.add(draft.name());
            return null;
        }
        ServiceTypeConfig config = ServiceTypeConfig.composite(draft.name(), draft.composite(), draft.target(),
                draft.activation(), timing, draft.overrides());
        bound.put(draft.name(), config);
        return config;
    }

    /**
     * The timing a composite's value effectively has: refreshed as often as its most often refreshed
     * part, waited for as long as its slowest part, usable no longer than its shortest-lived part.
     */
    private static Timing merge(Timing a, Timing b) {
        return new Timing(min(a.refreshInterval(), b.refreshInterval()), max(a.timeout(), b.timeout()),
                min(a.maxStaleness(), b.maxStaleness()));
    }

    private static CompositeConfig.Operator operator(NodeSettings host) {
        if (host.node().get(COMPOSITE).filter(node -> !node.isNull()).isEmpty()) {
            host.problem(COMPOSITE, "required with 'of': max (the largest weighted part decides) or sum "
                    + "(the weighted parts add up)");
            return null;
        }
        String keyword = host.oneOf(COMPOSITE, null, "max", "sum");
        return keyword == null ? null : CompositeConfig.Operator.valueOf(keyword.toUpperCase(Locale.ROOT));
    }

    private Map<String, Double> parts(NodeSettings host, String owner) {
        ConfigNode node = host.node().get(OF).orElse(null);
        if (node == null || node.isNull()) {
            host.problem(OF, "required: the serviceTypes this composite combines, " + EXAMPLE);
            return Map.of();
        }
        Map<String, Double> parts = new LinkedHashMap<>();
        String at = host.pathOf(OF);
        if (node instanceof ListNode list) {
            for (int i = 0; i < list.items().size(); i++) {
                ConfigNode item = list.items().get(i);
                String itemAt = at + "[" + i + "]";
                if (item instanceof ScalarNode name && !name.isNull() && !name.text().isBlank()) {
                    part(owner, name.text(), name.secret(), 1.0, itemAt, item.location(), parts);
                } else if (!(item instanceof ScalarNode scalar && scalar.type() == ScalarNode.Type.INVALID)) {
                    problems.add(itemAt, item.location(), "expected a serviceType name, found " + item.kind());
                }
            }
        } else if (node instanceof MapNode map) {
            NodeSettings weights = new NodeSettings(at, map, problems, Set.of());
            for (MapNode.Entry entry : map.entries()) {
                String partAt = weights.pathOf(entry.key());
                if (entry.value().isNull()) {
                    problems.add(partAt, entry.keyLocation(), "expected a weight > 0 that converts this part's unit "
                            + "into the composite's (1 to take it as it is), found nothing");
                    continue;
                }
                double weight = weights.positiveNumber(entry.key(), Double.NaN);
                if (!Double.isNaN(weight)) {
                    part(owner, entry.key(), false, weight, partAt, entry.keyLocation(), parts);
                }
            }
        } else {
            host.problem(OF, "expected a list of serviceTypes or a map of serviceType: weight, found " + node.kind()
                    + "; " + EXAMPLE);
            return Map.of();
        }
        if (parts.isEmpty() && !problems.anyAtOrBelow(at)) {
            host.problem(OF, "at least one part is required, " + EXAMPLE);
        }
        return parts;
    }

    private void part(String owner, String name, boolean secret, double weight, String at, Location location,
            Map<String, Double> parts) {
        String shown = secret ? "a substituted name" : "'" + name + "'";
        if (name.equals(owner)) {
            problems.add(at, location, "a composite cannot be its own part");
        } else if (!names.contains(name)) {
            List<String> others = names.stream().filter(other -> !other.equals(owner)).toList();
            problems.add(at, location, "unknown serviceType " + shown + (secret ? "" : Suggestions.didYouMean(name, others))
                    + (others.isEmpty() ? "; no other serviceTypes are defined" : "; serviceTypes: " + String.join(", ", others)));
        } else if (parts.containsKey(name)) {
            problems.add(at, location, shown + " is listed twice; give each part once");
        } else {
            parts.put(name, weight);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
