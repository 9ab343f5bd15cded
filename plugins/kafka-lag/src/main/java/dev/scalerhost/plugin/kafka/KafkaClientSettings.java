package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * A source's connection settings, turned into Admin client properties.
 *
 * @param bootstrapServers        comma-separated host:port list
 * @param securityProtocol        PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param clientProperties        every Admin client property, secrets included: never print it
 * @param requestTimeout          the client's per-request timeout
 * @param metadataRefreshInterval how often topic partition lists are refreshed at most
 */
record KafkaClientSettings(
        String bootstrapServers,
        String securityProtocol,
        Map<String, Object> clientProperties,
        Duration requestTimeout,
        Duration metadataRefreshInterval) {

    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_METADATA_REFRESH = Duration.ofMinutes(1);

    KafkaClientSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(securityProtocol, "securityProtocol");
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(metadataRefreshInterval, "metadataRefreshInterval");
    }

    /**
     * Reads a source's keys, reporting every problem on {@code settings}.
     *
     * @return the settings, or {@code null} if there were problems
     */
    static KafkaClientSettings read(Settings settings, String clientId) {
        List<String> servers = settings.stringList("bootstrapServers");
        if (!settings.has("bootstrapServers")) {
            settings.problem("bootstrapServers", "required: the brokers to connect to, e.g. kafka-0:9092,kafka-1:9092");
        } else if (servers.stream().allMatch(String::isBlank)) {
            settings.problem("bootstrapServers", "must name at least one broker, e.g. kafka-0:9092");
        }
        String protocol = settings.oneOf("securityProtocol", "PLAINTEXT", "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
        Duration requestTimeout = settings.duration("requestTimeout", DEFAULT_REQUEST_TIMEOUT);
        if (requestTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.toMillis() > Integer.MAX_VALUE) {
            settings.problem("requestTimeout", "must be between 1ms and 24 days, e.g. 10s");
        }
        Duration metadataRefresh = settings.duration("metadataRefreshInterval", DEFAULT_METADATA_REFRESH);
        if (metadataRefresh.isNegative() || metadataRefresh.isZero()) {
            settings.problem("metadataRefreshInterval", "must be positive, e.g. 1m");
        }

        Map<String, Object> ours = new LinkedHashMap<>();
        String joined = String.join(",", servers.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
        ours.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, joined);
        ours.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        ours.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis()));
        ours.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis()));
        ours.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, protocol == null ? "PLAINTEXT" : protocol);
        SecurityProperties.read(settings, protocol, ours);

        Map<String, String> extra = settings.stringMap("properties");
        extra.forEach((key, value) -> {
            if (ours.containsKey(key)) {
                settings.problem("properties", "'" + key + "' is set by this source's own keys; remove it from properties");
            }
        });
        if (settings.hasProblems() || protocol == null) {
            return null;
        }
        Map<String, Object> all = new HashMap<>(extra);
        all.putAll(ours);
        try {
            AdminClientConfig.configDef().parse(all);
        } catch (ConfigException e) {
            // Kafka's message names the property and hides password-typed values.
            settings.problem("properties", "rejected by the Kafka client: " + e.getMessage());
            return null;
        }
        return new KafkaClientSettings(joined, protocol, all, requestTimeout, metadataRefresh);
    }

    /** Never shows the client properties: they may hold passwords. */
    @Override
    public String toString() {
        return "KafkaClientSettings[bootstrapServers=" + bootstrapServers + ", securityProtocol=" + securityProtocol
                + ", requestTimeout=" + requestTimeout + ", metadataRefreshInterval=" + metadataRefreshInterval + "]";
    }
}
