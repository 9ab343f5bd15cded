package dev.scalerhost.host.grpc;

import dev.scalerhost.host.config.ServiceTypeConfig;
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

    private final Map<String, ServiceTypeConfig> byName;
    private final Map<String, Map<String, String>> metadataAliases;
    /** Per serviceType (lower case), per host key: its aliases, sorted; read on every call, so built once. */
    private final Map<String, Map<String, List<String>>> aliasesByKey;
    private final List<String> names;
    private final String known;

    private ServiceCatalog(Collection<ServiceTypeConfig> serviceTypes, Function<ServiceTypeConfig, Map<String, String>> aliases) {
        Map<String, ServiceTypeConfig> map = new HashMap<>();
        Map<String, Map<String, String>> aliasMap = new HashMap<>();
        Map<String, Map<String, List<String>>> byKey = new HashMap<>();
        for (ServiceTypeConfig config : serviceTypes) {
            Objects.requireNonNull(config, "serviceType");
            String key = config.serviceType().toLowerCase(Locale.ROOT);
            if (map.put(key, config) != null) {
                throw new IllegalArgumentException("serviceType '" + config.serviceType() + "' is configured twice");
            }
            Map<String, String> configAliases = Map.copyOf(Objects.requireNonNullElse(aliases.apply(config), Map.of()));
            aliasMap.put(key, configAliases);
            byKey.put(key, configAliases.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                    Collectors.mapping(Map.Entry::getKey, Collectors.collectingAndThen(Collectors.toList(),
                            spellings -> spellings.stream().sorted().toList())))));
        }
        this.byName = Map.copyOf(map);
        this.metadataAliases = Map.copyOf(aliasMap);
        this.aliasesByKey = Map.copyOf(byKey);
        this.names = serviceTypes.stream().map(ServiceTypeConfig::serviceType).sorted().toList();
        this.known = listed(names);
    }

    /** A catalog of {@code serviceTypes}; their serviceTypes must be distinct ignoring case. */
    public static ServiceCatalog of(Collection<ServiceTypeConfig> serviceTypes) {
        return of(serviceTypes, config -> Map.of());
    }

    /**
     * A catalog of {@code serviceTypes} whose trigger metadata may also spell {@code target} and
     * {@code activation} as their plugin's aliases (KEDA's {@code threshold}, {@code targetQueryValue}, ...).
     *
     * @param aliases a serviceType's aliases, from the alias to {@code target} or {@code activation}
     */
    public static ServiceCatalog of(Collection<ServiceTypeConfig> serviceTypes,
            Function<ServiceTypeConfig, Map<String, String>> aliases) {
        return new ServiceCatalog(List.copyOf(Objects.requireNonNull(serviceTypes, "serviceTypes")),
                Objects.requireNonNull(aliases, "aliases"));
    }

    /** The plugin's aliases of {@code target} and {@code activation} for {@code config}'s metadata. */
    Map<String, String> metadataAliases(ServiceTypeConfig config) {
        return metadataAliases.getOrDefault(config.serviceType().toLowerCase(Locale.ROOT), Map.of());
    }

    /** The plugin's aliases of {@code hostKey} ({@code target} or {@code activation}) for {@code config}, sorted. */
    List<String> aliasesOf(ServiceTypeConfig config, String hostKey) {
        return aliasesByKey.getOrDefault(config.serviceType().toLowerCase(Locale.ROOT), Map.of())
                .getOrDefault(hostKey, List.of());
    }

    /** The configuration of {@code serviceType} (any case, surrounding blanks ignored), or null. */
    public ServiceTypeConfig find(String serviceType) {
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
