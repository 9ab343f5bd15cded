package dev.scalerhost.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.engine.EngineSource;
import dev.scalerhost.host.engine.MeasurementEngine;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.plugin.TestJars;
import dev.scalerhost.host.status.ReloadStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reload decides: served, rejected with the reason, or served with settings pending a restart. */
class ConfigReloaderTest {

    private static final String LISTENERS = """
            server:
              grpc: {host: 127.0.0.1, port: %d}
              http: {host: 127.0.0.1, port: %d}
            plugins: {directory: %s}
            """;
    private static final String FINE = "sources:\n  fine: {type: constant}\n";

    @TempDir
    Path root;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Path file;
    private RunningHost host;
    private ConfigReloader reloader;

    @BeforeEach
    void start() throws Exception {
        Path plugins = root.resolve("plugins");
        GatePlugin.writeTo(plugins);
        TestJars.jar().source("com.acme.c.Fixed", TestJars.constantProvider("com.acme.c.Fixed", "constant", 7))
                .service("com.acme.c.Fixed").writeTo(plugins.resolve("constant/constant.jar"));
        file = root.resolve("scalerhost.yaml");
        write(0, 0, "plugins", bothSources("gate-a", "  f1: {source: fine, target: 10}\n  g1: {source: gated, id: 3, target: 1}\n"));
        HostMetrics metrics = new HostMetrics();
        HostLoader loader = new HostLoader(name -> null, root, Optional.empty(), metrics, Clock.systemUTC(), scheduler);
        host = RunningHost.start(loader.load(file), metrics, Clock.systemUTC());
        reloader = new ConfigReloader(file, loader, host, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (reloader != null) {
            reloader.close(Duration.ofSeconds(1));
        }
        if (host != null) {
            host.stop(Duration.ofSeconds(1));
        }
        scheduler.shutdownNow();
    }

    private void write(int grpcPort, int httpPort, String plugins, String rest) throws IOException {
        Files.writeString(file, LISTENERS.formatted(grpcPort, httpPort, plugins) + rest);
    }

    /** Both sources, the gated one on {@code gate}, and {@code serviceTypes} lines. */
    private String bothSources(String gate, String serviceTypes) {
        return "sources:\n  fine: {type: constant}\n  gated: {type: gate, gate: \"" + root.resolve(gate) + "\"}\n"
                + "serviceTypes:\n" + serviceTypes;
    }

    /** Writes {@code rest} with the running listeners and plugins, and reloads it. */
    private ReloadStatus reloadWith(String rest) throws IOException {
        write(0, 0, "plugins", rest);
        reloader.reload("test");
        return reloader.status();
    }

    private EngineSource source(String name) {
        return host.loaded().sources().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aValidEditIsServedAtOnceAndCounted() throws Exception {
        EngineSource fine = source("fine");
        ReloadStatus status = reloadWith(bothSources("gate-a", "  f1: {source: fine, target: 20}\n"
                + "  f2: {source: fine, target: 5}\n  g1: {source: gated, id: 3, target: 1}\n"));

        assertThat(status.reloads()).isEqualTo(1);
        assertThat(status.lastError()).isNull();
        assertThat(status.pendingRestart()).isEmpty();
        assertThat(host.engine().measures("f2")).isTrue();
        assertThat(host.loaded().config().serviceTypes().get("f1").target()).isEqualTo(20);
        assertThat(host.engine().read("f2", Duration.ofSeconds(5)).get().value()).isEqualTo(7);
        assertThat(source("fine")).as("an unchanged source keeps its instance").isSameAs(fine);
    }

    @Test
    void aRejectedEditLeavesTheRunningConfigurationServingAndSaysWhy() throws Exception {
        MeasurementEngine engine = host.engine();
        LoadedHost loaded = host.loaded();
        ReloadStatus status = reloadWith(FINE + "serviceTypes: {f1: {source: nowhere, target: 10}}\n");

        assertThat(status.reloads()).isZero();
        assertThat(status.lastAttemptAt()).isNotNull();
        assertThat(status.lastError()).contains("serviceTypes.f1.source", "nowhere");
        assertThat(host.loaded()).isSameAs(loaded);
        assertThat(host.engine()).isSameAs(engine);
        assertThat(host.engine().read("g1", Duration.ofSeconds(5)).get().value()).isEqualTo(3);
    }

    @Test
    void aValidEditAfterARejectedOneClearsTheError() throws Exception {
        assertThat(reloadWith(FINE + "serviceTypes: {f1: {target: 10}}\n").lastError()).isNotNull();

        ReloadStatus status = reloadWith(FINE + "serviceTypes: {f1: {source: fine, target: 10}}\n");

        assertThat(status.lastError()).isNull();
        assertThat(status.reloads()).isEqualTo(1);
        assertThat(host.engine().measures("g1")).as("removed by the edit").isFalse();
    }

    @Test
    void changedListenersAndPluginsDirectoryWaitForARestartWhileTheRestIsServed() throws Exception {
        int grpcPort = host.grpcPort();
        int httpPort = host.httpPort();
        Files.createDirectories(root.resolve("other-plugins"));
        Files.walk(root.resolve("plugins")).filter(Files::isRegularFile).forEach(jar -> copy(jar,
                root.resolve("other-plugins").resolve(root.resolve("plugins").relativize(jar))));
        write(freePort(), freePort(), "other-plugins", FINE + "serviceTypes: {f1: {source: fine, target: 30}}\n");

        reloader.reload("test");

        ReloadStatus status = reloader.status();
        assertThat(status.lastError()).isNull();
        assertThat(status.pendingRestart()).containsExactly("server.grpc", "server.http", "plugins.directory");
        assertThat(host.loaded().config().serviceTypes().get("f1").target()).isEqualTo(30);
        assertThat(host.grpcPort()).as("the listeners stay until a restart").isEqualTo(grpcPort);
        assertThat(host.httpPort()).isEqualTo(httpPort);
    }

    @Test
    void aSourceWhoseSettingsChangedIsOpenedAnewAndItsServiceTypesPreparedAgain() throws Exception {
        EngineSource fine = source("fine");
        EngineSource gated = source("gated");
        ReloadStatus status = reloadWith(bothSources("gate-b",
                "  f1: {source: fine, target: 10}\n  g1: {source: gated, id: 4, target: 1}\n"));

        assertThat(status.lastError()).isNull();
        assertThat(source("fine")).isSameAs(fine);
        assertThat(source("gated")).isNotSameAs(gated);
        assertThat(host.engine().read("g1", Duration.ofSeconds(5)).get().value()).isEqualTo(4);
    }

    @Test
    void aReloadOnceTheHostStopsIsRejected() throws Exception {
        host.stop(Duration.ofSeconds(1));
        ReloadStatus status = reloadWith(FINE + "serviceTypes: {f1: {source: fine, target: 10}}\n");

        assertThat(status.reloads()).isZero();
        assertThat(status.lastError()).isEqualTo("cannot serve the new configuration: the host is stopping");
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
