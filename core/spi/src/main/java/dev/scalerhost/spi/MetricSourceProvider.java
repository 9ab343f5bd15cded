package dev.scalerhost.spi;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The service a plugin registers in {@code META-INF/services/dev.scalerhost.spi.MetricSourceProvider}.
 *
 * <p>The host finds providers with {@link java.util.ServiceLoader}, one plugin directory at a time,
 * and instantiates each with its public no-argument constructor. A provider must be cheap to create:
 * connections belong in {@link #open}.
 */
public interface MetricSourceProvider {

    /**
     * The name that a source's {@code type:} key selects, e.g. {@code kafka-lag}. Lowercase letters,
     * digits and dashes. Two plugins claiming one type is a startup error.
     */
    String type();

    /**
     * The API version this provider was compiled against. Implement it as
     * {@code return SpiVersion.CURRENT;} so that the compiler fixes the value in the plugin. The host
     * refuses a provider whose version differs from its own; see {@link SpiVersion}.
     */
    int spiVersion();

    /**
     * Opens one configured instance: a Kafka cluster, a database pool, a Prometheus server.
     *
     * <p>Reads its settings from {@code settings}; every problem is reported with
     * {@link Settings#problem} (or by the typed accessors) rather than thrown, so that the user sees
     * every problem at once. Keys not in {@link #sourceKeys()} (or, if it declares none, keys the
     * provider never reads) are reported by the host as unknown.
     *
     * <p>Must not block on the network: a backend that is down at startup is a measurement failure
     * later, not a startup failure. May return {@code null} if the settings had problems.
     *
     * @param settings the source's keys (everything under {@code sources.<name>} except {@code type})
     * @param context  the host services this source may use
     * @throws Exception only for unexpected failures; the host reports it as a problem of the source
     */
    MetricSource open(Settings settings, SourceContext context) throws Exception;

    /**
     * Alternative spellings of the host's {@code target} and {@code activation} binding keys, so a
     * user can move a KEDA trigger over unchanged: e.g. {@code lagThreshold -> target} and
     * {@code activationLagThreshold -> activation}. By default derived from the aliases of the keys
     * named {@code target} and {@code activation} in {@link #bindingKeys()}. Giving both spellings is a
     * configuration error. The alias a binding used stays visible to {@link MetricSource#prepare} ({@link Settings#has}),
     * for plugins whose mode depends on which KEDA word was given (Redis streams' {@code lagCount}).
     *
     * @return a map from the alias to {@code "target"} or {@code "activation"}
     */
    default Map<String, String> bindingKeyAliases() {
        return bindingKeys().stream()
                .filter(key -> key.name().equals("target") || key.name().equals("activation"))
                .flatMap(key -> key.aliases().stream().map(alias -> Map.entry(alias, key.name())))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The keys a source of this type accepts (besides the host's {@code type} and timing keys). When
     * declared, the host reports any other key as unknown, checks each value's type, and puts them in
     * the configuration's JSON Schema. Empty (the default) means undeclared: then the keys the
     * provider did not read are reported as unknown.
     */
    default List<ConfigKey> sourceKeys() {
        return List.of();
    }

    /**
     * The keys a binding ({@code serviceTypes.<name>}) of this type accepts besides the host's
     * ({@code source}, {@code target}, {@code activation}, timing, {@code window}, ...), as
     * {@link #sourceKeys()}. A key named {@code target} or {@code activation} declares the plugin's
     * aliases of that host key (KEDA's words); {@link #bindingKeyAliases()} is derived from them.
     */
    default List<ConfigKey> bindingKeys() {
        return List.of();
    }

    /**
     * Whether a bare number under a binding's {@code timeout} means milliseconds, as the KEDA scaler
     * this plugin mirrors reads its {@code timeout} key (KEDA's prometheus scaler: {@code timeout: "1000"}).
     * By default a bare number is refused as ambiguous and a unit is required ({@code 1000ms}, {@code 1s}).
     */
    default boolean timeoutInBareMilliseconds() {
        return false;
    }
}
