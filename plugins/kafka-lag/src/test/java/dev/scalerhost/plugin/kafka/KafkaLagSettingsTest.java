package dev.scalerhost.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.config.NodeSettings;
import dev.scalerhost.host.config.TestSettings;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.runtime.HostSourceContext;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validation of source and binding keys; no broker needed, the Admin client connects lazily. */
class KafkaLagSettingsTest {

    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor();
    private static MetricSource source;

    @BeforeAll
    static void openSource() throws Exception {
        source = open(Map.of("bootstrapServers", "127.0.0.1:1"));
    }

    @AfterAll
    static void closeSource() throws Exception {
        source.close();
        SCHEDULER.shutdownNow();
    }

    private static MetricSource open(Map<String, ?> keys) throws Exception {
        return new KafkaLagProvider().open(TestSettings.fromMap("sources.kafka", keys),
                HostSourceContext.of("kafka", new HostMetrics(), Clock.systemUTC(), SCHEDULER));
    }

    private static List<String> problemsOfBinding(Object... keyValues) {
        NodeSettings params = KafkaFixture.params(keyValues);
        source.prepare(params);
        params.reportUnknownKeys();
        return params.problems().list().stream().map(ConfigProblem::render).toList();
    }

    private static List<String> problemsOfSource(Map<String, ?> keys) throws Exception {
        NodeSettings settings = TestSettings.fromMap("sources.kafka", keys);
        settings.declareKeys(new KafkaLagProvider().sourceKeys());
        MetricSource opened = new KafkaLagProvider().open(settings,
                HostSourceContext.of("kafka", new HostMetrics(), Clock.systemUTC(), SCHEDULER));
        if (opened != null) {
            opened.close();
        }
        settings.reportUnknownKeys();
        return settings.problems().list().stream().map(ConfigProblem::render).toList();
    }

    @Test
    void acceptsEveryKedaParameter() {
        assertThat(problemsOfBinding("consumerGroup", "g", "topic", "t", "offsetResetPolicy", "earliest",
                "scaleToZeroOnInvalidOffset", true, "allowIdleConsumers", false, "limitToPartitionsWithLag", true,
                "excludePersistentLag", true, "partitionLimitation", "0,2,5-7")).isEmpty();
    }

    @Test
    void reportsABadPartitionLimitationNamingTheItem() {
        assertThat(problemsOfBinding("consumerGroup", "g", "topic", "t", "partitionLimitation", "0,x-3"))
                .singleElement().asString().contains("serviceTypes.test.partitionLimitation").contains("'x-3'");
        assertThat(problemsOfBinding("consumerGroup", "g", "topic", "t", "partitionLimitation", "7-5"))
                .singleElement().asString().contains("reversed");
        assertThat(problemsOfBinding("consumerGroup", "g", "partitionLimitation", "1"))
                .singleElement().asString().contains("needs 'topic'");
    }

    @Test
    void reportsAMissingGroupAnUnknownPolicyAndContradictoryCaps() {
        assertThat(problemsOfBinding("topic", "t", "offsetResetPolicy", "newest", "allowIdleConsumers", true,
                "limitToPartitionsWithLag", true))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("consumerGroup").contains("required"))
                .anySatisfy(p -> assertThat(p).contains("offsetResetPolicy"))
                .anySatisfy(p -> assertThat(p).contains("limitToPartitionsWithLag").contains("allowIdleConsumers"));
    }

    @Test
    void acceptsEnsureEvenDistributionAndAPersistentLagWindow() {
        assertThat(problemsOfBinding("consumerGroup", "g", "topic", "t", "ensureEvenDistributionOfPartitions", true,
                "allowIdleConsumers", true, "excludePersistentLag", true, "persistentLagWindow", "1m")).isEmpty();
    }

    @Test
    void reportsEnsureEvenDistributionWithoutTopicOrWithLimitToPartitionsWithLag() {
        assertThat(problemsOfBinding("consumerGroup", "g", "ensureEvenDistributionOfPartitions", true))
                .singleElement().asString().contains("ensureEvenDistributionOfPartitions").contains("needs 'topic'");
        assertThat(problemsOfBinding("consumerGroup", "g", "topic", "t", "ensureEvenDistributionOfPartitions", true,
                "limitToPartitionsWithLag", true))
                .singleElement().asString().contains("cannot be combined with limitToPartitionsWithLag");
    }

    @Test
    void reportsAPersistentLagWindowThatIsNotPositiveOrHasNoEffect() {
        assertThat(problemsOfBinding("consumerGroup", "g", "topic", "t", "excludePersistentLag", true,
                "persistentLagWindow", "0s"))
                .singleElement().asString().contains("serviceTypes.test.persistentLagWindow").contains("must be positive");
        assertThat(problemsOfBinding("consumerGroup", "g", "topic", "t", "persistentLagWindow", "30s"))
                .singleElement().asString().contains("has no effect without excludePersistentLag: true");
    }

    @Test
    void reportsAnUnknownKeyWithASuggestion() {
        assertThat(problemsOfBinding("consumerGroup", "g", "topic", "t", "excludePersistantLag", true))
                .singleElement().asString().contains("unknown key 'excludePersistantLag'").contains("excludePersistentLag");
    }

    @Test
    void preparesNothingWhenTheBindingHasProblems() {
        NodeSettings params = KafkaFixture.params("topic", "t");
        Metric metric = source.prepare(params);
        assertThat(metric).isNull();
    }

    @Test
    void describesTheBindingByGroupTopicAndPartitions() {
        Metric metric = source.prepare(KafkaFixture.params("consumerGroup", "g", "topic", "t", "partitionLimitation", "0-3"));
        assertThat(metric.describe()).isEqualTo("lag of group g on topic t (partitions 0-3)");
    }

    @Test
    void requiresSaslCredentialsForSaslProtocolsAndKeepsThePasswordOutOfDescribe() throws Exception {
        assertThat(problemsOfSource(Map.of("bootstrapServers", "k:9092", "securityProtocol", "SASL_SSL")))
                .singleElement().asString().contains("sources.kafka.sasl").contains("required");
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("bootstrapServers", "127.0.0.1:1");
        keys.put("securityProtocol", "SASL_PLAINTEXT");
        keys.put("sasl", Map.of("mechanism", "SCRAM-SHA-512", "username", "scaler", "password", "hunter2"));
        keys.put("requestTimeout", "3s");
        keys.put("properties", Map.of("client.dns.lookup", "use_all_dns_ips"));
        assertThat(problemsOfSource(keys)).isEmpty();
        try (MetricSource sasl = open(keys)) {
            assertThat(sasl.describe()).isEqualTo("127.0.0.1:1 (SASL_PLAINTEXT)").doesNotContain("hunter2");
            assertThat(sasl.toString()).doesNotContain("hunter2");
        }
    }

    @Test
    void reportsPropertiesThatCollideWithOwnKeysAndTlsWithoutTlsProtocol() throws Exception {
        assertThat(problemsOfSource(Map.of("bootstrapServers", "k:9092",
                "properties", Map.of("security.protocol", "SSL"), "tls", Map.of("caCert", "PEM"))))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("'security.protocol' is set by this source's own keys"))
                .anySatisfy(p -> assertThat(p).contains("sources.kafka.tls").contains("SSL or SASL_SSL"));
    }

    @Test
    void requiresBootstrapServers() throws Exception {
        assertThat(problemsOfSource(Map.of())).singleElement().asString()
                .contains("sources.kafka.bootstrapServers").contains("required");
    }

    @Test
    void opensWithABootstrapHostThatDoesNotResolveAndFailsMeasurementsNamingIt() throws Exception {
        try (MetricSource unresolved = open(Map.of("bootstrapServers", "no-such-kafka.invalid:9092"))) {
            Metric metric = unresolved.prepare(KafkaFixture.params("consumerGroup", "g", "topic", "t"));

            assertThatThrownBy(() -> unresolved.measure(List.of(metric), Deadline.after(Duration.ofSeconds(2))))
                    .isInstanceOf(KafkaUnavailableException.class)
                    .hasMessageContaining("no-such-kafka.invalid:9092")
                    .hasMessageContaining("resolvable");
        }
    }

    @Test
    void reportsAPropertyTheKafkaClientRejects() throws Exception {
        assertThat(problemsOfSource(Map.of("bootstrapServers", "k:9092", "properties", Map.of("retries", "many"))))
                .singleElement().asString().contains("sources.kafka.properties").contains("retries");
    }
}
