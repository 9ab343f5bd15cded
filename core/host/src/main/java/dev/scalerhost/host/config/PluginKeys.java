package dev.scalerhost.host.config;

import dev.scalerhost.spi.ConfigKey;
import dev.scalerhost.spi.MetricSourceProvider;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What binding needs to know of a plugin type's keys, read from its provider at load time.
 *
 * @param serviceTypeAliases the plugin's spellings of {@code target} and {@code activation}: alias to host key
 * @param bareTimeoutMillis  whether a bare number under a serviceType's {@code timeout} is milliseconds
 * @param sourceKeys         the declared source keys; empty if the plugin declares none
 * @param serviceTypeKeys    the declared serviceType keys; empty if the plugin declares none
 */
public record PluginKeys(Map<String, String> serviceTypeAliases, boolean bareTimeoutMillis, List<ConfigKey> sourceKeys,
        List<ConfigKey> serviceTypeKeys) {

    /** A type no plugin provides: nothing is known of its keys. */
    public static final PluginKeys UNKNOWN = new PluginKeys(Map.of(), false, List.of(), List.of());

    public PluginKeys {
        serviceTypeAliases = Map.copyOf(Objects.requireNonNull(serviceTypeAliases, "serviceTypeAliases"));
        sourceKeys = List.copyOf(sourceKeys);
        serviceTypeKeys = List.copyOf(serviceTypeKeys);
    }

    /** What {@code provider} declares, read now (the caller runs it in the plugin's class loader). */
    public static PluginKeys of(MetricSourceProvider provider) {
        return new PluginKeys(provider.bindingKeyAliases(), provider.timeoutInBareMilliseconds(), provider.sourceKeys(),
                provider.bindingKeys());
    }

    /** The serviceType keys the plugin owns: those named after a host key only declare its aliases. */
    List<ConfigKey> ownServiceTypeKeys() {
        return serviceTypeKeys.stream().filter(key -> !HostKeys.OVERRIDABLE.contains(key.name())).toList();
    }
}
