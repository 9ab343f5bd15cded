package dev.scalerhost.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.config.NodeSettings;
import dev.scalerhost.host.config.TestSettings;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.runtime.HostSourceContext;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validation of the metric, drainWithin, ratePerReplica and rateWindow keys; no broker needed. */
class RateSettingsTest {

    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor();
    private static MetricSource source;

    @BeforeAll
    static void openSource() {
        source = new KafkaLagProvider().open(TestSettings.fromMap("sources.kafka", Map.of("bootstrapServers", "127.0.0.1:1")),
                HostSourceContext.of("kafka", new HostMetrics(), Clock.systemUTC(), SCHEDULER));
    }

    @AfterAll
    static void closeSource() throws Exception {
        source.close();
        SCHEDULER.shutdownNow();
    }

    private static List<String> problems(Object... keyValues) {
        NodeSettings params = KafkaFixture.params(keyValues);
        source.prepare(params);
        params.reportUnknownKeys();
        return params.problems().list().stream().map(ConfigProblem::render).toList();
    }

    @Test
    void acceptsEachMetricWithItsKeys() {
        assertThat(problems("consumerGroup", "g", "topic", "t")).isEmpty();
        assertThat(problems("consumerGroup", "g", "topic", "t", "metric", "lagSeconds", "target", 30)).isEmpty();
        assertThat(problems("consumerGroup", "g", "topic", "t", "metric", "replicas", "target", 1,
                "drainWithin", "2m", "ratePerReplica", 500)).isEmpty();
    }

    @Test
    void describesTheChosenMetric() {
        NodeSettings params = KafkaFixture.params("consumerGroup", "g", "topic", "t", "metric", "lagSeconds");
        Metric metric = source.prepare(params);
        assertThat(metric.describe()).isEqualTo("lag in seconds: lag of group g on topic t");
    }

    @Test
    void rejectsReplicasWithATargetOtherThanOne() {
        assertThat(problems("consumerGroup", "g", "metric", "replicas", "target", 10, "drainWithin", "2m",
                "ratePerReplica", 500))
                .singleElement().asString().contains("serviceTypes.test.target").contains("must be 1 with metric: replicas")
                .contains("got 10");
    }

    @Test
    void rejectsReplicasWithoutDrainWithin() {
        assertThat(problems("consumerGroup", "g", "metric", "replicas", "target", 1, "ratePerReplica", 500))
                .singleElement().asString().contains("serviceTypes.test.drainWithin").contains("required with metric: replicas");
    }

    @Test
    void rejectsADrainWithinOfZeroOrLess() {
        assertThat(problems("consumerGroup", "g", "metric", "replicas", "target", 1, "ratePerReplica", 500,
                "drainWithin", "0s"))
                .singleElement().asString().contains("serviceTypes.test.drainWithin").contains("greater than 0");
        assertThat(problems("consumerGroup", "g", "metric", "replicas", "target", 1, "ratePerReplica", 500,
                "drainWithin", "-5s"))
                .singleElement().asString().contains("serviceTypes.test.drainWithin");
    }

    @Test
    void rejectsReplicasWithoutRatePerReplica() {
        assertThat(problems("consumerGroup", "g", "metric", "replicas", "target", 1, "drainWithin", "2m"))
                .singleElement().asString().contains("serviceTypes.test.ratePerReplica").contains("records per second");
    }

    @Test
    void rejectsAnUnknownMetricNamingTheValidOnes() {
        assertThat(problems("consumerGroup", "g", "metric", "lagTime"))
                .singleElement().asString().contains("serviceTypes.test.metric").contains("lagSeconds").contains("replicas");
    }

    @Test
    void rejectsARateWindowOutsideItsRange() {
        assertThat(problems("consumerGroup", "g", "rateWindow", "100ms"))
                .singleElement().asString().contains("serviceTypes.test.rateWindow").contains("between 1s and 1h");
    }
}
