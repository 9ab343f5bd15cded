package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.spi.ConfigKey;
import java.util.List;

/** The keys of {@code prometheus} and {@code metrics-endpoint} sources and bindings. */
final class PrometheusKeys {

    private static final ConfigKey TLS = ConfigKey.section("tls", "Trust and client identity for https, as PEM files.",
            ConfigKey.string("caFile", "PEM file of the CAs to trust instead of the JVM's."),
            ConfigKey.string("certFile", "PEM file of the client certificate, for mutual TLS (with keyFile)."),
            ConfigKey.string("keyFile", "PEM file of the client's private key (with certFile)."));
    private static final ConfigKey BEARER_TOKEN = ConfigKey.secret("bearerToken", "Sent as Authorization: Bearer.");
    private static final ConfigKey USERNAME = ConfigKey.string("username", "Basic authentication user (with password).");
    private static final ConfigKey PASSWORD = ConfigKey.secret("password", "Basic authentication password.");
    private static final ConfigKey AGGREGATE = ConfigKey.oneOf("aggregate",
            "How several series combine into one value; without it, more than one series is an error.", Aggregate.NAMES);
    private static final ConfigKey EMPTY_AS = ConfigKey.number("emptyAs", "The value when the result has no series.");
    private static final ConfigKey NAMESPACE = ConfigKey.string(PrometheusSource.NAMESPACE,
            "KEDA's namespace: the tenant sent to a multi-tenant Prometheus (Thanos, Cortex, Mimir).");

    static final List<ConfigKey> PROMETHEUS_SOURCE = List.of(
            ConfigKey.string("url", "The Prometheus HTTP API's base URL, e.g. http://prometheus:9090.")
                    .withAliases("serverAddress").asRequired(),
            ConfigKey.stringMap("headers", "Extra HTTP headers sent with every query.").withAliases("customHeaders"),
            BEARER_TOKEN, USERNAME, PASSWORD, TLS,
            ConfigKey.bool("unsafeSsl", "KEDA's unsafeSsl: skip checking the server's certificate (prefer tls.caFile).")
                    .withDefault(false),
            ConfigKey.stringMap("queryParameters", "Extra query string parameters sent with every query."),
            NAMESPACE);

    static final List<ConfigKey> PROMETHEUS_BINDING = List.of(
            ConfigKey.number("target", "KEDA's name for target.").withAliases("threshold"),
            ConfigKey.number("activation", "KEDA's name for activation.").withAliases("activationThreshold"),
            ConfigKey.string("query", "The PromQL instant query.").asRequired(),
            AGGREGATE, EMPTY_AS,
            ConfigKey.bool("ignoreNullValues", "KEDA's word: an empty result is 0 (or give emptyAs).").withDefault(false),
            NAMESPACE);

    static final List<ConfigKey> METRICS_ENDPOINT_SOURCE = List.of(
            ConfigKey.string("url", "The workload's Prometheus or OpenMetrics text endpoint, e.g. "
                    + "http://127.0.0.1:8000/metrics.").asRequired(),
            ConfigKey.stringMap("headers", "Extra HTTP headers sent with every scrape."),
            BEARER_TOKEN, USERNAME, PASSWORD, TLS);

    static final List<ConfigKey> METRICS_ENDPOINT_BINDING = List.of(
            ConfigKey.string("metric", "The metric family's name.").asRequired(),
            ConfigKey.stringMap("labels", "Only samples with these label values."),
            ConfigKey.stringMap("labelsRegex", "Only samples whose labels match these regular expressions."),
            AGGREGATE, EMPTY_AS);

    private PrometheusKeys() {
    }
}
