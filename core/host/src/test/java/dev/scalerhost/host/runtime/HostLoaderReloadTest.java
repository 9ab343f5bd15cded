package dev.scalerhost.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.host.engine.EngineSource;
import dev.scalerhost.host.engine.PreparedServiceType;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.plugin.TestJars;
import dev.scalerhost.spi.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloads next to a plugin whose measurement never returns, and what a reload says it changed. */
class HostLoaderReloadTest {

    @TempDir
    Path root;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Path gate;
    private Path file;
    private HostLoader loader;
    private LoadedHost running;

    @BeforeEach
    void writePlugins() {
        Path plugins = root.resolve("plugins");
        GatePlugin.writeTo(plugins);
        TestJars.jar().source("com.acme.c.Fixed", TestJars.constantProvider("com.acme.c.Fixed", "constant", 7))
                .service("com.acme.c.Fixed").writeTo(plugins.resolve("constant/constant.jar"));
        gate = root.resolve("gate");
        file = root.resolve("scalerhost.yaml");
        loader = new HostLoader(name -> null, root, Optional.of(plugins), new HostMetrics(), Clock.systemUTC(), scheduler);
    }

    @AfterEach
    void release() {
        GatePlugin.open(gate);
        if (running != null) {
            running.close();
        }
        scheduler.shutdownNow();
    }

    private LoadedHost load(String serviceTypes) throws Exception {
        Files.writeString(file, """
                sources:
                  stuck: {type: gate, gate: "%s"}
                  fine: {type: constant}
                serviceTypes:
                """.formatted(gate) + serviceTypes);
        return running == null ? loader.load(file) : loader.reload(file, running);
    }

    private static EngineSource source(LoadedHost host, String name) {
        return host.sources().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static PreparedServiceType prepared(LoadedHost host, String serviceType) {
        return host.serviceTypes().stream().filter(b -> b.config().serviceType().equals(serviceType)).findFirst().orElseThrow();
    }

    /** Starts a measurement of {@code serviceType} that hangs in the plugin until the gate opens. */
    private void hang(String serviceType) {
        GatePlugin.close(gate);
        PreparedServiceType prepared = prepared(running, serviceType);
        CompletableFuture.runAsync(() -> {
            try {
                source(running, prepared.config().source()).source()
                        .measure(List.of(prepared.metric()), Deadline.after(Duration.ofMinutes(5)));
            } catch (Exception ignored) {
                // Only the hanging matters here.
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> GatePlugin.entered(gate));
    }

    @Test
    void aReloadThatChangesOnlyTargetAndActivationSaysWhatChanged() throws Exception {
        running = load("  f1: {source: fine, target: 10}\n");
        LoadedHost next = load("  f1: {source: fine, target: 20, activation: 5}\n");

        String summary = ReloadSummary.of(running, next);
        running = next;

        assertThat(summary).contains("added: none; removed: none; changed: f1 (target 10 -> 20, activation 0 -> 5)")
                .doesNotContain("settings");
    }

    @Test
    void aReloadThatChangesAPluginSettingOrTimingSaysSo() throws Exception {
        running = load("  s1: {source: stuck, id: 1, target: 1}\n");
        LoadedHost next = load("  s1: {source: stuck, id: 2, target: 1, refreshInterval: 2s}\n");

        String summary = ReloadSummary.of(running, next);
        running = next;

        assertThat(summary).contains("changed: s1 (refreshInterval 5s -> 2s, settings)");
    }

    @Test
    void aReloadAddingAServiceTypeOnAnotherSourceIsNotHeldUpByAHangingMeasurement() throws Exception {
        running = load("  s1: {source: stuck, id: 1, target: 1}\n  f1: {source: fine, target: 1}\n");
        hang("s1");

        long started = System.nanoTime();
        LoadedHost next = load("  s1: {source: stuck, id: 1, target: 1}\n  f1: {source: fine, target: 1}\n"
                + "  f2: {source: fine, target: 3}\n");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("reload time while a measurement hangs").isLessThan(Duration.ofSeconds(5));
        assertThat(source(next, "stuck")).as("the busy source is carried over").isSameAs(source(running, "stuck"));
        assertThat(prepared(next, "s1").metric()).as("its serviceType keeps its prepared metric")
                .isSameAs(prepared(running, "s1").metric());
        assertThat(next.serviceTypes()).extracting(b -> b.config().serviceType()).containsExactly("s1", "f1", "f2");
        assertThat(ReloadSummary.reopened(running, next)).isEmpty();
        running = next;
    }

    @Test
    void aReloadChangingTheHangingSourcesServiceTypeOpensItAnewAndSaysSo() throws Exception {
        running = load("  s1: {source: stuck, id: 1, target: 1}\n");
        hang("s1");

        LoadedHost next = load("  s1: {source: stuck, id: 2, target: 1}\n");

        assertThat(source(next, "stuck")).as("a fresh instance").isNotSameAs(source(running, "stuck"));
        assertThat(prepared(next, "s1").metric().describe()).isEqualTo("id 2");
        assertThat(ReloadSummary.reopened(running, next)).containsExactly("stuck");
        assertThat(ReloadSummary.of(running, next)).contains("opened anew because a measurement of the running "
                + "instance had not returned (that call is abandoned): stuck");
        LoadedHost previous = running;
        running = next;
        // What the reloader does with the replaced instance: closing it returns although the call hangs.
        assertThat(LoadedHost.closeSources(List.of(source(previous, "stuck")), Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void closingASourceWhoseCloseNeverReturnsIsAbandonedAfterTheBudget() throws Exception {
        Files.writeString(file, """
                sources:
                  sticky: {type: gate, gate: "%s", hangIn: close}
                serviceTypes:
                  t1: {source: sticky, target: 1}
                """.formatted(gate));
        LoadedHost loaded = loader.load(file);
        GatePlugin.close(gate);

        long started = System.nanoTime();
        List<String> abandoned = LoadedHost.closeSources(loaded.sources(), Duration.ofMillis(500));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(abandoned).containsExactly("sticky");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }
}
