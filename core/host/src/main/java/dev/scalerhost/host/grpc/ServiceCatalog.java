package dev.scalerhost.host.grpc;

import dev.scalerhost.host.config.BindingConfig;
import dev.scalerhost.host.engine.SafeText;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The serviceTypes the gRPC facade answers for, frozen: a configuration change is a new catalog
 * handed to {@link ScalerService#swap} with the engine that measures it. Names compare
 * case-insensitively.
 */
public final class ServiceCatalog {

    /** How many names an error message lists before it says "and N more". */
    static final int LISTED_NAMES = 20;

    private final Map<String, BindingConfig> byName;
    private final Map<String, Map<String, String>> metadataAliases;
    /** Per serviceType (lower case), per host key: its aliases, sorted; read on every call, so built once. */
    private final Map<String, Map<String, List<String>>> aliasesByKey;
    private final List<String> names;
    private final String known;

    private ServiceCatalog(Collection<BindingConfig> bindings, Function<BindingConfig, Map<String, String>> aliases) {
        Map<String, BindingConfig> map = new HashMap<>();
        Map<String, Map<String, String>> aliasMap = new HashMap<>();
        Map<String, Map<String, List<String>>> byKey = new HashMap<>();
        for (BindingConfig binding : bindings) {
            Objects.requireNonNull(binding, "binding");
            String key = binding.serviceType().toLowerCase(Locale.ROOT);
            if (map.put(key, binding) != null) {
                throw new IllegalArgumentException("serviceType '" + binding.serviceType() + "' is configured twice");
            }
            Map<String, String> bindingAliases = Map.copyOf(Objects.requireNonNullElse(aliases.apply(binding), Map.of()));
            aliasMap.put(key, bindingAliases);
            byKey.put(key, bindingAliases.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                    Collectors.mapping(Map.Entry::getKey, Collectors.collectingAndThen(Collectors.toList(),
                            spellings -> spellings.stream().sorted().toList())))));
        }
        this.byName = Map.copyOf(map);
        this.metadataAliases = Map.copyOf(aliasMap);
        this.aliasesByKey = Map.copyOf(byKey);
        this.names = bindings.stream().map(BindingConfig::serviceType).sorted().toList();
        this.known = listed(names);
    }

    /** A catalog of {@code bindings}; their serviceTypes must be distinct ignoring case. */
    public static ServiceCatalog of(Collection<BindingConfig> bindings) {
        return of(bindings, binding -> Map.of());
    }

    /**
     * A catalog of {@code bindings} whose trigger metadata may also spell {@code target} and
     * {@code activation} as their plugin's aliases (KEDA's {@code threshold}, {@code targetQueryValue}, ...).
     *
     * @param aliases a binding's aliases, from the alias to {@code target} or {@code activation}
     */
    public static ServiceCatalog of(Collection<BindingConfig> bindings,
            Function<BindingConfig, Map<String, String>> aliases) {
        return new ServiceCatalog(List.copyOf(Objects.requireNonNull(bindings, "bindings")),
                Objects.requireNonNull(aliases, "aliases"));
    }

    /** The plugin's aliases of {@code target} and {@code activation} for {@code binding}'s metadata. */
    Map<String, String> metadataAliases(BindingConfig binding) {
        return metadataAliases.getOrDefault(binding.serviceType().toLowerCase(Locale.ROOT), Map.of());
    }

    /** The plugin's aliases of {@code hostKey} ({@code target} or {@code activation}) for {@code binding}, sorted. */
    List<String> aliasesOf(BindingConfig binding, String hostKey) {
        return aliasesByKey.getOrDefault(binding.serviceType().toLowerCase(Locale.ROOT), Map.of())
                .getOrDefault(hostKey, List.of());
    }

    /** The binding of {@code serviceType} (any case, surrounding blanks ignored), or null. */
    public BindingConfig find(String serviceType) {
        return byName.get(serviceType.strip().toLowerCase(Locale.ROOT));
    }

    /** The configured serviceTypes, sorted. */
    public List<String> names() {
        return names;
    }

    /** The known names for error messages, at most {@value #LISTED_NAMES} of them. */
    String known() {
        return known;
    }

    private static String listed(List<String> names) {
        if (names.isEmpty()) {
            return "(none configured)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(names.size(), LISTED_NAMES); i++) {
            out.append(i == 0 ? "" : ", ").append(SafeText.clip(names.get(i), 64));
        }
        if (names.size() > LISTED_NAMES) {
            out.append(" and ").append(names.size() - LISTED_NAMES).append(" more");
        }
        return out.toString();
    }
}
