package dev.scalerhost.host.grpc;

import dev.scalerhost.host.config.BindingConfig;
import dev.scalerhost.host.engine.SafeText;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The serviceTypes the gRPC facade answers for, frozen: a configuration change is a new catalog
 * handed to {@link ScalerService#publish}. Names compare case-insensitively.
 */
public final class ServiceCatalog {

    /** How many names an error message lists before it says "and N more". */
    static final int LISTED_NAMES = 20;

    private final Map<String, BindingConfig> byName;
    private final List<String> names;
    private final String known;

    private ServiceCatalog(Collection<BindingConfig> bindings) {
        Map<String, BindingConfig> map = new HashMap<>();
        for (BindingConfig binding : bindings) {
            Objects.requireNonNull(binding, "binding");
            if (map.put(binding.serviceType().toLowerCase(Locale.ROOT), binding) != null) {
                throw new IllegalArgumentException("serviceType '" + binding.serviceType() + "' is configured twice");
            }
        }
        this.byName = Map.copyOf(map);
        this.names = bindings.stream().map(BindingConfig::serviceType).sorted().toList();
        this.known = listed(names);
    }

    /** A catalog of {@code bindings}; their serviceTypes must be distinct ignoring case. */
    public static ServiceCatalog of(Collection<BindingConfig> bindings) {
        return new ServiceCatalog(List.copyOf(Objects.requireNonNull(bindings, "bindings")));
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
