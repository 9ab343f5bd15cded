package dev.scalerhost.plugin.redis;

import dev.scalerhost.plugin.support.TlsKeys;
import dev.scalerhost.spi.ConfigKey;
import java.util.List;

/** The keys of {@code redis} and {@code redis-streams} sources and bindings, with KEDA's names. */
final class RedisKeys {

    private static final ConfigKey DATABASE_INDEX = ConfigKey.integer("databaseIndex", "The Redis database number.")
            .withDefault(0);

    static final List<ConfigKey> SOURCE = List.of(
            ConfigKey.string("address", "host:port of the server (or host and port)."),
            ConfigKey.string("host", "The server's host (with port), instead of address."),
            ConfigKey.integer("port", "The server's port, with host.").withDefault(RedisEndpoint.DEFAULT_PORT),
            ConfigKey.string("username", "The ACL user."),
            ConfigKey.secret("password", "The password; use ${file:/path} or ${ENV}."),
            ConfigKey.bool("enableTLS", "KEDA's switch for TLS with the JVM's trust; a tls section implies it.")
                    .withDefault(false),
            TlsKeys.SECTION);

    static final List<ConfigKey> LIST_BINDING = List.of(
            ConfigKey.number("target", "KEDA's name for target.").withAliases("listLength"),
            ConfigKey.number("activation", "KEDA's name for activation.").withAliases("activationListLength"),
            ConfigKey.string("listName", "The list whose length is measured.").asRequired(),
            DATABASE_INDEX);

    static final List<ConfigKey> STREAMS_BINDING = List.of(
            ConfigKey.number("target", "KEDA's words for target; the one given picks what is measured: pending "
                    + "entries of consumerGroup, the stream's length, or the group's lag.")
                    .withAliases("pendingEntriesCount", "streamLength", "lagCount"),
            ConfigKey.number("activation", "KEDA's name for activation.").withAliases("activationLagCount"),
            ConfigKey.string("stream", "The stream.").asRequired(),
            ConfigKey.string("consumerGroup", "The consumer group (for pending entries and lag)."),
            DATABASE_INDEX);

    private RedisKeys() {
    }
}
