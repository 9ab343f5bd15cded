package dev.scalerhost.host.config;

import dev.scalerhost.spi.ConfigKey;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every key the host itself reads, declared once. The binders read them by these constants; the
 * unknown-key check ({@link DeclaredKeys}) and the JSON Schema ({@code ConfigSchema}) are derived
 * from the lists.
 */
public final class HostKeys {

    public static final ConfigKey TYPE = ConfigKey.string("type",
            "The plugin type this source is an instance of, e.g. kafka-lag, postgres, prometheus.").asRequired();
    public static final ConfigKey REFRESH_INTERVAL = ConfigKey.duration("refreshInterval",
            "A serviceType is measured at most once per interval, however many callers ask.")
            .withDefault(Timing.DEFAULT.refreshInterval());
    public static final ConfigKey TIMEOUT = ConfigKey.duration("timeout",
            "How long one measurement may take before callers stop waiting for it.")
            .withDefault(Timing.DEFAULT.timeout());
    public static final ConfigKey MAX_STALENESS = ConfigKey.duration("maxStaleness",
            "How long the last good value is served while measurements fail; after that callers get UNAVAILABLE "
                    + "and KEDA's fallback applies.")
            .withDefault(Timing.DEFAULT.maxStaleness());
    /** The timing keys, of a source (defaults for its serviceTypes) or of a serviceType. */
    public static final List<ConfigKey> TIMING = List.of(REFRESH_INTERVAL, TIMEOUT, MAX_STALENESS);

    public static final ConfigKey SOURCE = ConfigKey.string("source",
            "The source (under sources:) that measures this serviceType.").asRequired();
    public static final ConfigKey TARGET = ConfigKey.number("target",
            "The value per replica the autoscaler aims at: desired replicas ~ value / target.").asRequired();
    public static final ConfigKey ACTIVATION = ConfigKey.number("activation",
            "The serviceType is active (scaled up from zero) while its value is above this.").withDefault(0);
    public static final ConfigKey METADATA_OVERRIDES = ConfigKey.stringList("metadataOverrides",
            "The host keys a ScaledObject's trigger metadata may override: target, activation.");
    public static final ConfigKey WINDOW_DURATION = ConfigKey.duration("duration",
            "How far back the measurements count, e.g. 2m; at least the refreshInterval.").asRequired();
    public static final ConfigKey WINDOW_AGGREGATE = ConfigKey.oneOf("aggregate",
            "How the measurements within the window combine into the value served.", "avg", "max", "min")
            .withDefault("avg");
    public static final ConfigKey WINDOW = ConfigKey.section("window",
            "Serve an aggregate of the measurements over a trailing window instead of the latest one.",
            WINDOW_DURATION, WINDOW_AGGREGATE);
    public static final ConfigKey COMPOSITE = ConfigKey.oneOf("composite",
            "How a composite serviceType combines its parts: max (the largest weighted part decides) or sum.",
            "max", "sum");
    public static final ConfigKey OF = ConfigKey.of("of", ConfigKey.Type.STRING_MAP,
            "The serviceTypes a composite combines: a list of names, or a map of name to weight.");

    /** The host's keys of a source; the plugin's come beside them. */
    public static final List<ConfigKey> SOURCE_KEYS = concat(List.of(TYPE), TIMING);
    /** The host's keys of a measured serviceType; the plugin's come beside them. */
    public static final List<ConfigKey> SERVICE_TYPE_KEYS =
            concat(List.of(SOURCE, TARGET, ACTIVATION), TIMING, List.of(METADATA_OVERRIDES, WINDOW));
    /** The keys of a composite serviceType. */
    public static final List<ConfigKey> COMPOSITE_KEYS = List.of(COMPOSITE, OF, TARGET, ACTIVATION, METADATA_OVERRIDES);
    /** The host keys a ScaledObject's trigger metadata may override. */
    public static final List<String> OVERRIDABLE = List.of(TARGET.name(), ACTIVATION.name());

    public static final ConfigKey LISTENER_HOST = ConfigKey.string("host", "The address to listen on.")
            .withDefault(ServerBinder.DEFAULT_HOST);
    public static final ConfigKey TLS_CERTIFICATE = ConfigKey.string("certificate",
            "PEM file of the server's certificate chain.").asRequired();
    public static final ConfigKey TLS_PRIVATE_KEY = ConfigKey.string("privateKey",
            "PEM file of the server's private key.").asRequired();
    public static final ConfigKey TLS_CLIENT_CA = ConfigKey.string("clientCa",
            "PEM file of the CAs whose client certificates are accepted: mutual TLS.");
    public static final ConfigKey GRPC_PORT = ConfigKey.integer("port", "The gRPC port KEDA calls; 0 picks a free one.")
            .withDefault(GrpcConfig.DEFAULT_PORT);
    public static final ConfigKey GRPC_MAX_INBOUND_BYTES = ConfigKey.integer("maxInboundBytes",
            "The largest request accepted, in bytes.").withDefault(GrpcConfig.DEFAULT_MAX_INBOUND_BYTES);
    public static final ConfigKey GRPC_TLS = ConfigKey.section("tls", "TLS for the gRPC port; reloaded when the files change.",
            TLS_CERTIFICATE, TLS_PRIVATE_KEY, TLS_CLIENT_CA);
    public static final ConfigKey GRPC = ConfigKey.section("grpc", "The gRPC listener KEDA calls.",
            LISTENER_HOST, GRPC_PORT, GRPC_MAX_INBOUND_BYTES, GRPC_TLS);
    public static final ConfigKey HTTP_PORT = ConfigKey.integer("port",
            "The port of /livez, /readyz, /metrics and /status; 0 picks a free one.").withDefault(HttpConfig.DEFAULT_PORT);
    public static final ConfigKey READINESS_REQUIRES_SOURCES = ConfigKey.bool("readinessRequiresSources",
            "Whether /readyz fails while a source fails (a sidecar's readiness is its pod's).").withDefault(false);
    public static final ConfigKey HTTP = ConfigKey.section("http", "The HTTP listener: health, metrics and status.",
            LISTENER_HOST, HTTP_PORT, READINESS_REQUIRES_SOURCES);
    public static final ConfigKey SHUTDOWN_GRACE = ConfigKey.duration("shutdownGrace",
            "How long in-flight calls may finish after SIGTERM.")
            .withDefault(ServerBinder.DEFAULT_SHUTDOWN_GRACE);
    public static final ConfigKey LOG_FORMAT = ConfigKey.oneOf("logFormat", "How log lines are written to stdout.",
            "plain", "json").withDefault("plain");
    public static final ConfigKey SERVER = ConfigKey.section("server", "The listeners and process settings.",
            GRPC, HTTP, SHUTDOWN_GRACE, LOG_FORMAT);
    public static final ConfigKey PLUGINS_DIRECTORY = ConfigKey.string("directory",
            "Where plugins live, one directory per plugin; relative to the installation.")
            .withDefault(ConfigBinder.DEFAULT_PLUGINS_DIRECTORY);
    public static final ConfigKey PLUGINS = ConfigKey.section("plugins", "Where the host finds its plugins.",
            PLUGINS_DIRECTORY);
    public static final ConfigKey SOURCES = ConfigKey.of("sources", ConfigKey.Type.SECTION,
            "Plugin instances by name: connections shared by many serviceTypes.");
    public static final ConfigKey SERVICE_TYPES = ConfigKey.of("serviceTypes", ConfigKey.Type.SECTION,
            "What KEDA's trigger metadata serviceType selects, by name (lowercase letters, digits and dashes).");
    /** The top level of the file. */
    public static final List<ConfigKey> TOP_LEVEL = List.of(SERVER, PLUGINS, SOURCES, SERVICE_TYPES);

    private HostKeys() {
    }

    /** The names of {@code keys}. */
    static String[] names(List<ConfigKey> keys) {
        return keys.stream().map(ConfigKey::name).toArray(String[]::new);
    }

    @SafeVarargs
    private static List<ConfigKey> concat(List<ConfigKey>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }
}
