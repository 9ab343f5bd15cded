package dev.scalerhost.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.host.engine.EngineSource;
import dev.scalerhost.host.engine.PreparedServiceType;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.MetricsSamples;
import dev.scalerhost.host.plugin.PluginCalls;
import dev.scalerhost.host.plugin.PluginException;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin that never returns holds a bounded number of threads, counted in the metrics. */
class AbandonedCallsTest {

    @TempDir
    Path root;

    @Test
    void aPluginHoldingTheMaximumOfAbandonedCallsIsNotCalledAgainUntilTheyReturn() throws Exception {
        Path plugins = root.resolve("plugins");
        GatePlugin.writeTo(plugins);
        Path gate = root.resolve("gate");
        int sources = PluginCalls.MAX_ABANDONED + 1;
        StringBuilder config = new StringBuilder("sources:\n");
        for (int i = 0; i < sources; i++) {
            config.append("  g").append(i).append(": {type: gate, gate: \"").append(gate).append("\"}\n");
        }
        config.append("serviceTypes:\n");
        for (int i = 0; i < sources; i++) {
            config.append("  t").append(i).append(": {source: g").append(i).append(", id: ").append(i).append(", target: 1}\n");
        }
        Files.writeString(root.resolve("c.yaml"), config);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        HostMetrics metrics = new HostMetrics();
        PluginCalls.publishTo(metrics);
        HostLoader loader = new HostLoader(name -> null, root, Optional.of(plugins), metrics, Clock.systemUTC(), scheduler);
        LoadedHost loaded = loader.load(root.resolve("c.yaml"));
        GatePlugin.close(gate);
        try {
            List<CompletableFuture<Void>> stuck = loaded.serviceTypes().subList(0, sources - 1).stream()
                    .map(prepared -> CompletableFuture.runAsync(() -> measure(loaded, prepared, Duration.ofMillis(100)),
                            Executors.newSingleThreadExecutor()))
                    .toList();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> PluginCalls.abandoned("gate") == PluginCalls.MAX_ABANDONED);

            PreparedServiceType last = loaded.serviceTypes().get(sources - 1);
            assertThatThrownBy(() -> sourceOf(loaded, last).source().measure(List.of(last.metric()),
                    Deadline.after(Duration.ofSeconds(5))))
                    .isInstanceOf(PluginException.class)
                    .hasMessageContaining("has " + PluginCalls.MAX_ABANDONED + " calls that passed their deadline and "
                            + "never returned");
            MetricsSamples samples = MetricsSamples.of(metrics);
            assertThat(samples.value("scalerhost_plugin_calls_abandoned", "plugin", "gate"))
                    .isEqualTo((double) PluginCalls.MAX_ABANDONED);
            assertThat(samples.value("scalerhost_plugin_calls_refused_total", "plugin", "gate")).isEqualTo(1.0);

            GatePlugin.open(gate);
            CompletableFuture.allOf(stuck.toArray(CompletableFuture[]::new)).get();
            assertThat(PluginCalls.abandoned("gate")).isZero();
            assertThat(sourceOf(loaded, last).source().measure(List.of(last.metric()),
                    Deadline.after(Duration.ofSeconds(5))).get(last.metric())).isEqualTo(Reading.of(sources - 1));
        } finally {
            GatePlugin.open(gate);
            loaded.close();
            scheduler.shutdownNow();
        }
    }

    private static EngineSource sourceOf(LoadedHost loaded, PreparedServiceType prepared) {
        return loaded.sources().stream().filter(s -> s.name().equals(prepared.config().source())).findFirst().orElseThrow();
    }

    private static void measure(LoadedHost loaded, PreparedServiceType prepared, Duration timeout) {
        try {
            sourceOf(loaded, prepared).source().measure(List.of(prepared.metric()), Deadline.after(timeout));
        } catch (Exception ignored) {
            // The call's outcome does not matter; that it holds a thread does.
        }
    }
}
