package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.ConfigKey;
import java.util.List;

/** The keys of a {@code kafka-lag} source and binding, with KEDA's kafka scaler's names. */
final class KafkaLagKeys {

    private static final String[] STORE_TYPES = {"JKS", "PKCS12", "PEM"};

    static final List<ConfigKey> SOURCE = List.of(
            ConfigKey.stringList("bootstrapServers", "The brokers to bootstrap from: host:port, as a list or comma-separated.")
                    .asRequired(),
            ConfigKey.oneOf("securityProtocol", "How the client talks to the brokers.",
                    "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").withDefault("PLAINTEXT"),
            ConfigKey.duration("requestTimeout", "How long one admin request may take.")
                    .withDefault(KafkaClientSettings.DEFAULT_REQUEST_TIMEOUT),
            ConfigKey.duration("metadataRefreshInterval", "How often the client refreshes cluster metadata.")
                    .withDefault(KafkaClientSettings.DEFAULT_METADATA_REFRESH),
            ConfigKey.stringMap("properties", "Further Kafka admin client properties, e.g. client.dns.lookup."),
            ConfigKey.duration("membersRefreshInterval",
                    "How often the groups' members are described (for the idle-consumer cap); slower than lag.")
                    .withDefault(KafkaLagSource.GROUP_MEMBERS_INTERVAL),
            ConfigKey.section("sasl", "SASL authentication (securityProtocol SASL_PLAINTEXT or SASL_SSL).",
                    ConfigKey.oneOf("mechanism", "The SASL mechanism.", "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")
                            .asRequired(),
                    ConfigKey.string("username", "The SASL user.").asRequired(),
                    ConfigKey.secret("password", "The SASL password; use ${file:/path} or ${ENV}.").asRequired()),
            ConfigKey.section("tls", "TLS trust and client identity (securityProtocol SSL or SASL_SSL).",
                    ConfigKey.string("caCert", "PEM file of the CAs to trust (or truststoreLocation)."),
                    ConfigKey.string("truststoreLocation", "A truststore file (or caCert)."),
                    ConfigKey.oneOf("truststoreType", "The truststore's format.", STORE_TYPES).withDefault("JKS"),
                    ConfigKey.secret("truststorePassword", "The truststore's password."),
                    ConfigKey.string("clientCert", "PEM file of the client certificate, for mutual TLS (with clientKey)."),
                    ConfigKey.secret("clientKey", "PEM file of the client's private key (with clientCert)."),
                    ConfigKey.string("keystoreLocation", "A keystore file with the client identity (or clientCert)."),
                    ConfigKey.oneOf("keystoreType", "The keystore's format.", STORE_TYPES).withDefault("JKS"),
                    ConfigKey.secret("keystorePassword", "The keystore's password."),
                    ConfigKey.secret("keyPassword", "The password of the key in the keystore."),
                    ConfigKey.bool("hostnameVerification", "Whether the brokers' host names are checked.")
                            .withDefault(true)));

    static final List<ConfigKey> BINDING = List.of(
            ConfigKey.number("target", "KEDA's name for target.").withAliases("lagThreshold"),
            ConfigKey.number("activation", "KEDA's name for activation.").withAliases("activationLagThreshold"),
            ConfigKey.string("consumerGroup", "The consumer group whose lag is measured.").asRequired(),
            ConfigKey.string("topic", "The topic; without it, every topic the group has committed offsets for."),
            ConfigKey.oneOf("offsetResetPolicy", "Where a partition without a committed offset counts from.",
                    "latest", "earliest").withDefault("latest"),
            ConfigKey.bool("scaleToZeroOnInvalidOffset", "Whether a partition without a valid offset counts as no lag.")
                    .withDefault(false),
            ConfigKey.bool("allowIdleConsumers", "Whether replicas may exceed the partition count.").withDefault(false),
            ConfigKey.bool("limitToPartitionsWithLag", "Cap replicas at the number of partitions with lag.")
                    .withDefault(false),
            ConfigKey.bool("excludePersistentLag", "Leave out lag that has not moved within persistentLagWindow.")
                    .withDefault(false),
            ConfigKey.duration("persistentLagWindow", "How long lag must stand still to count as persistent.")
                    .withDefault(LagSpec.DEFAULT_PERSISTENT_LAG_WINDOW),
            ConfigKey.string("partitionLimitation", "Only these partitions of topic, e.g. 1,2,10-12."),
            ConfigKey.bool("ensureEvenDistributionOfPartitions",
                    "Round replicas up to a divisor of the topic's partition count.").withDefault(false),
            ConfigKey.oneOf("metric", "What the value is: lag (records), lagSeconds (time to drain at the current rate) "
                    + "or replicas (needed to drain within drainWithin).", "lag", "lagSeconds", "replicas")
                    .withDefault("lag"),
            ConfigKey.duration("drainWithin", "With metric: replicas, how soon a backlog should be gone."),
            ConfigKey.number("ratePerReplica", "With metric: replicas, records per second one consumer processes "
                    + "until that is learned from the group."),
            ConfigKey.duration("rateWindow", "Over how long the consume rate is measured (1s to 1h).")
                    .withDefault(RateSpec.DEFAULT_RATE_WINDOW));

    private KafkaLagKeys() {
    }
}
