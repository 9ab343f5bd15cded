package dev.scalerhost.it.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code window} with each aggregate, on a real metrics endpoint, through the built distribution. */
class WindowIT {

    private static MetricsEndpoint pipeline;
    private final Distribution distribution = Distribution.unpacked();

    @BeforeAll
    static void startEndpoint() throws Exception {
        pipeline = MetricsEndpoint.start();
        pipeline.set(MetricsEndpoint.QUEUE_DEPTH, 100, "source", "store_coordinator");
    }

    @AfterAll
    static void stopEndpoint() {
        pipeline.close();
    }

    private static String binding(String name, String window) {
        return """
                  %s:
                    source: pipeline
                    metric: pipeline_feedback_queue_depth
                    aggregate: max
                    target: 100
                    activation: 200
                %s""".formatted(name, window.isEmpty() ? "" : "    window: " + window + "\n");
    }

    @Test
    void sendsTheAggregateOfTheWindowAndActivatesOnTheLatestValue() throws Exception {
        String config = ScalerhostProcess.serverSection() + """
                sources:
                  pipeline:
                    type: metrics-endpoint
                    url: %s
                    refreshInterval: 200ms
                serviceTypes:
                """.formatted(pipeline.url())
                + binding("latest", "")
                + binding("average", "{duration: 4s, aggregate: avg}")
                + binding("highest", "{duration: 4s, aggregate: max}")
                + binding("lowest", "{duration: 4s, aggregate: min}");
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("window").config(config).start();
             KedaClient keda = KedaClient.connect(host.grpcPort())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> keda.poll("lowest").value() == 100
                    && keda.poll("highest").value() == 100 && keda.poll("average").value() == 100);

            pipeline.set(MetricsEndpoint.QUEUE_DEPTH, 400, "source", "store_coordinator");
            await().atMost(Duration.ofSeconds(10)).until(() -> keda.poll("latest").value() == 400);
            await().atMost(Duration.ofSeconds(3)).until(() -> keda.poll("highest").value() == 400);
            KedaClient.Poll lowest = keda.poll("lowest");
            KedaClient.Poll average = keda.poll("average");

            // While the window still holds measurements of 100: min stays there, avg lies between.
            assertThat(lowest.value()).isEqualTo(100);
            assertThat(lowest.active()).as("activation follows the latest value (400 > 200)").isTrue();
            assertThat(average.value()).isStrictlyBetween(100.0, 400.0);

            // Once every measurement of the window is 400, all agree.
            await().atMost(Duration.ofSeconds(15)).until(() -> keda.poll("lowest").value() == 400
                    && keda.poll("average").value() == 400);
            pipeline.set(MetricsEndpoint.QUEUE_DEPTH, 50, "source", "store_coordinator");
            await().atMost(Duration.ofSeconds(10)).until(() -> keda.poll("lowest").value() == 50);
            KedaClient.Poll highest = keda.poll("highest");
            assertThat(highest.value()).isEqualTo(400);
            assertThat(highest.active()).as("activation follows the latest value (50 < 200)").isFalse();
            assertThat(host.http("/status").body()).contains("\"latestValue\"");
            assertThat(host.http("/metrics").body())
                    .contains("scalerhost_value_detail{detail=\"latestValue\",service_type=\"highest\"} 50");
        }
    }
}
