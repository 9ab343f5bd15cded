package dev.scalerhost.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrometheusServerTest {

    private static void awaitValue(PrometheusServer prometheus, String query, String expected) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Optional<String> value = Optional.empty();
        while (System.nanoTime() - until < 0) {
            value = prometheus.queryValue(query);
            if (value.equals(Optional.of(expected))) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(value).as(query).contains(expected);
    }

    @Test
    void scrapesTheTargetAndSurvivesARestartOnTheSamePort() throws Exception {
        assumeTrue(PrometheusServer.binary().isPresent() || "true".equals(System.getenv("CI")),
                "prometheus is not installed");
        try (MetricsEndpoint endpoint = MetricsEndpoint.start()) {
            endpoint.set(MetricsEndpoint.QUEUE_DEPTH, 1200, "source", "store_coordinator");
            PrometheusServer prometheus = PrometheusServer.start(endpoint.url());
            try (prometheus) {
                prometheus.awaitFirstScrape(Duration.ofSeconds(30));
                awaitValue(prometheus, MetricsEndpoint.QUEUE_DEPTH, "1200");

                endpoint.set(MetricsEndpoint.QUEUE_DEPTH, 7000, "source", "store_coordinator");
                awaitValue(prometheus, MetricsEndpoint.QUEUE_DEPTH, "7000");

                int port = prometheus.port();
                prometheus.stop();
                assertThat(prometheus.isRunning()).isFalse();
                assertThat(prometheus.queryValue("up")).isEmpty();

                prometheus.start();
                assertThat(prometheus.port()).isEqualTo(port);
                awaitValue(prometheus, MetricsEndpoint.QUEUE_DEPTH, "7000");
            }
            assertThat(prometheus.isRunning()).isFalse();
            assertThat(prometheus.logFile()).doesNotExist();
        }
    }
}
