package dev.scalerhost.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.metrics.HostMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KEDA's lagThreshold / activationLagThreshold, resolved by the host through the provider's aliases. */
class KafkaBindingAliasesTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private LoadedConfig loaded;

    @AfterEach
    void close() throws Exception {
        if (loaded != null && loaded.source() != null) {
            loaded.source().close();
        }
        scheduler.shutdownNow();
    }

    private LoadedConfig load(Path dir, String serviceTypes) throws Exception {
        Path file = dir.resolve("scalerhost.yaml");
        Files.writeString(file, String.join("\n",
                "sources:",
                "  kafka: {type: kafka-lag, bootstrapServers: '127.0.0.1:1'}",
                "serviceTypes:",
                serviceTypes,
                ""));
        loaded = LoadedConfig.load(file, Map.of(), new HostMetrics(), scheduler);
        return loaded;
    }

    @Test
    void takesLagThresholdAsTheTargetOfTheCapAndActivationLagThresholdAsActivation(@TempDir Path dir) throws Exception {
        LoadedConfig config = load(dir, String.join("\n",
                "  orders:",
                "    source: kafka",
                "    consumerGroup: g",
                "    topic: t",
                "    lagThreshold: 7",
                "    activationLagThreshold: 3"));

        assertThat(config.problems()).isEmpty();
        assertThat(config.config().serviceTypes().get("orders").target()).isEqualTo(7);
        assertThat(config.config().serviceTypes().get("orders").activation()).isEqualTo(3);
        assertThat(((LagMetric) config.metrics().get("orders")).spec().target()).isEqualTo(7);
    }

    @Test
    void reportsBothSpellingsOfTheTarget(@TempDir Path dir) throws Exception {
        LoadedConfig config = load(dir, String.join("\n",
                "  orders:",
                "    source: kafka",
                "    consumerGroup: g",
                "    topic: t",
                "    target: 5",
                "    lagThreshold: 5"));

        assertThat(config.problems()).singleElement().asString()
                .contains("serviceTypes.orders.lagThreshold").contains("two spellings");
    }
}
