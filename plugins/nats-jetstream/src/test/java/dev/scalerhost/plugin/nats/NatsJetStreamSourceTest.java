package dev.scalerhost.plugin.nats;

import static dev.scalerhost.plugin.testkit.Measure.failure;
import static dev.scalerhost.plugin.testkit.Measure.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalerhost.plugin.testkit.LoadedConfig;
import dev.scalerhost.plugin.testkit.Measure;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.NatsServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code type: nats-jetstream} against a real nats-server with JetStream: KEDA's lag, errors, requests. */
class NatsJetStreamSourceTest {

    private static NatsServer nats;

    /**
     * Stream {@code ORDERS} (10 messages): consumer {@code billing} has 4 pulled and unacknowledged
     * (lag 6 pending + 4 ack pending = 10), {@code shipping} none pulled (10), {@code audit} is
     * created after all 10 and has pulled 0 (10: a durable consumer starts at the stream's first message).
     * Stream {@code EMPTY} with consumer {@code idle} (0).
     */
    @BeforeAll
    static void seed() throws Exception {
        assumeTrue(NatsServer.binary().isPresent() || "true".equals(System.getenv("CI")),
                "nats-server is not installed (apt-get install nats-server); under CI=true this fails instead");
        nats = NatsServer.started();
        nats.addStream("ORDERS", "orders.>");
        nats.addConsumer("ORDERS", "billing");
        nats.addConsumer("ORDERS", "shipping");
        nats.publish("orders.new", 10);
        nats.pull("ORDERS", "billing", 4);
        nats.addStream("EMPTY", "empty.>");
        nats.addConsumer("EMPTY", "idle");
    }

    @AfterAll
    static void stop() {
        if (nats != null) {
            nats.close();
        }
    }

    private static String config() {
        return """
                sources:
                  nats:
                    type: nats-jetstream
                    natsServerMonitoringEndpoint: "%s"
                serviceTypes:
                  billing:  {source: nats, stream: ORDERS, consumer: billing, lagThreshold: 5, activationLagThreshold: 2}
                  shipping: {source: nats, stream: ORDERS, consumer: shipping, lagThreshold: 5}
                  idle:     {source: nats, stream: EMPTY, consumer: idle, account: $G, lagThreshold: 5}
                """.formatted(nats.monitoringEndpoint());
    }

    @Test
    void measuresEveryConsumerOfTheSourceExactlyAsKedaCountsLag(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, config())) {
            assertThat(config.problems()).isEmpty();
            assertThat(config.config().serviceTypes().get("billing").target()).isEqualTo(5);
            assertThat(config.config().serviceTypes().get("billing").activation()).isEqualTo(2);
            Map<String, Reading> readings = Measure.all(config, "nats");
            assertThat(value(readings.get("billing"))).as("6 pending + 4 unacknowledged").isEqualTo(10);
            assertThat(value(readings.get("shipping"))).isEqualTo(10);
            assertThat(value(readings.get("idle"))).isZero();
        }
    }

    @Test
    void requestsPerRefreshDoNotGrowWithTheNumberOfBindings(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, config())) {
            var source = config.source("nats");
            List<Metric> one = List.of(config.metric("billing"));
            List<Metric> three = List.of(config.metric("billing"), config.metric("shipping"), config.metric("idle"));
            Measure.batch(source, one);
            long before = nats.monitoringRequests("/jsz");
            Measure.batch(source, one);
            long forOne = nats.monitoringRequests("/jsz") - before;
            before = nats.monitoringRequests("/jsz");
            Measure.batch(source, three);
            assertThat(nats.monitoringRequests("/jsz") - before).isEqualTo(forOne).isEqualTo(1);
        }
    }

    @Test
    void aMissingStreamConsumerOrAccountFailsOnlyItsBindingAndNamesIt(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, """
                sources:
                  nats: {type: nats-jetstream, natsServerMonitoringEndpoint: "%s"}
                serviceTypes:
                  no-consumer: {source: nats, stream: ORDERS, consumer: invoicing, lagThreshold: 5}
                  no-stream:   {source: nats, stream: PAYMENTS, consumer: billing, lagThreshold: 5}
                  billing:     {source: nats, stream: ORDERS, consumer: billing, lagThreshold: 5}
                """.formatted(nats.monitoringEndpoint()))) {
            Map<String, Reading> readings = Measure.all(config, "nats");
            assertThat(failure(readings.get("no-consumer"))).isEqualTo("consumer 'invoicing' does not exist on stream"
                    + " 'ORDERS' on NATS " + nats.monitoringEndpoint() + "; its consumers: billing, shipping;"
                    + " create the durable consumer or fix consumer");
            assertThat(failure(readings.get("no-stream"))).isEqualTo("stream 'PAYMENTS' does not exist on NATS "
                    + nats.monitoringEndpoint() + "; create it or fix stream");
            assertThat(value(readings.get("billing"))).isEqualTo(10);
        }
        try (LoadedConfig config = LoadedConfig.load(dir, """
                sources:
                  nats: {type: nats-jetstream, natsServerMonitoringEndpoint: "%s"}
                serviceTypes:
                  other-account: {source: nats, stream: ORDERS, consumer: billing, account: TEAM, lagThreshold: 5}
                """.formatted(nats.monitoringEndpoint()))) {
            assertThat(failure(Measure.all(config, "nats").get("other-account")))
                    .startsWith("account 'TEAM' has no JetStream state on NATS " + nats.monitoringEndpoint());
        }
    }

    @Test
    void reportsAMonitoringEndpointThatIsNotHostAndPort(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, """
                sources:
                  nats: {type: nats-jetstream, natsServerMonitoringEndpoint: "http://nats:8222/jsz"}
                serviceTypes:
                  no-consumer: {source: nats, stream: ORDERS, lagThreshold: 5}
                """)) {
            assertThat(config.problems()).anySatisfy(p -> assertThat(p)
                    .startsWith("sources.nats.natsServerMonitoringEndpoint").contains("must be host:port"));
        }
    }

    @Test
    void failsWithinTheDeadlineWhileTheServerIsDownAndMeasuresAgainWhenItReturns(@TempDir Path dir) throws Exception {
        try (NatsServer own = NatsServer.started()) {
            own.addStream("JOBS", "jobs.>");
            own.addConsumer("JOBS", "workers");
            own.publish("jobs.a", 3);
            try (LoadedConfig config = LoadedConfig.load(dir, """
                    sources:
                      nats: {type: nats-jetstream, natsServerMonitoringEndpoint: "%s"}
                    serviceTypes:
                      jobs: {source: nats, stream: JOBS, consumer: workers, lagThreshold: 5}
                    """.formatted(own.monitoringEndpoint()))) {
                var source = config.source("nats");
                Metric jobs = config.metric("jobs");
                assertThat(value(Measure.batch(source, List.of(jobs)).get(jobs))).isEqualTo(3);
                own.stop();
                assertThatThrownBy(() -> source.measure(List.of(jobs), Deadline.after(Duration.ofSeconds(2))))
                        .isInstanceOf(NatsUnavailableException.class)
                        .hasMessageStartingWith("the NATS monitoring endpoint " + own.monitoringEndpoint()
                                + " is unreachable");
                own.start();
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                Reading reading = null;
                while (System.nanoTime() - until < 0) {
                    reading = Measure.batch(source, List.of(jobs)).get(jobs);
                    if (reading instanceof Reading.Value) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertThat(value(reading)).as("the stream and consumer survived the restart").isEqualTo(3);
            }
        }
    }
}
