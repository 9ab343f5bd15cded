package dev.scalerhost.it.host;

import static dev.scalerhost.it.host.Failures.statusOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.JvmProbe;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.MetricsText;
import dev.scalerhost.it.harness.ScalerhostProcess;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The built distribution with deliberately broken plugins ({@link HostilePlugins}) beside a healthy
 * source: the healthy serviceType keeps its exact value throughout, each broken one fails with
 * UNAVAILABLE and a message in words, the substituted password never shows, reloads apply while a
 * measurement hangs without leaking a thread per reload, and SIGTERM ends the host within its
 * shutdownGrace although a plugin's close() never returns.
 */
class HostilePluginsIT {

    private static final Duration GRACE = Duration.ofSeconds(3);
    /** For the last steps of a stop (HTTP, JVM exit) and a loaded machine. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(4);
    private static final Duration HEALTHY_REFRESH = Duration.ofSeconds(5);
    /** MAX_ABANDONED of the host's PluginCalls: the most stuck calls a plugin may hold. */
    private static final int MAX_ABANDONED = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BROKEN =
            List.of("hang", "throw-secret", "fail-secret", "null", "nan", "stackoverflow", "missing-class");

    private final String password = "pw-" + UUID.randomUUID();

    /**
     * @param hangName    the hanging source's binding setting {@code name}: changing it makes a reload prepare it
     * @param closeSource the name of the source whose close() never returns
     */
    private static String config(String hangName, String closeSource, String... extraServiceTypes) {
        StringBuilder yaml = new StringBuilder(ScalerhostProcess.serverSection()
                .replace("server:\n", "server:\n  shutdownGrace: " + GRACE.toSeconds() + "s\n"));
        yaml.append("sources:\n  healthy: {type: healthy, refreshInterval: ").append(HEALTHY_REFRESH.toSeconds())
                .append("s}\n");
        for (String mode : HostilePlugins.MODES) {
            yaml.append("  ").append(mode.equals("close-hangs") ? closeSource : "m-" + mode)
                    .append(": {type: hostile, mode: ").append(mode)
                    .append(", password: \"${BAD_PW}\", refreshInterval: 500ms, timeout: 1s, maxStaleness: 2s}\n");
        }
        yaml.append("serviceTypes:\n  healthy-type: {source: healthy, target: 1}\n");
        for (String mode : HostilePlugins.MODES) {
            yaml.append("  ").append(mode).append("-type: {source: ")
                    .append(mode.equals("close-hangs") ? closeSource : "m-" + mode).append(", target: 1")
                    .append(mode.equals("hang") ? ", name: " + hangName : "").append("}\n");
        }
        for (String extra : extraServiceTypes) {
            yaml.append("  ").append(extra).append('\n');
        }
        return yaml.toString();
    }

    @Test
    void brokenPluginsFailAloneLeakNoSecretAndCannotHoldUpReloadsOrTheStop() throws Exception {
        Distribution distribution = Distribution.unpacked().copy("hostile-plugins");
        HostilePlugins.writeTo(distribution.plugins());
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("hostile")
                .config(config("v0", "m-close-hangs"))
                .env("BAD_PW", password).readyTimeout(SteeredSetup.PATIENCE).start();
             KedaClient keda = KedaClient.connect(host.grpcPort())) {
            List<String> answers = new ArrayList<>();
            assertThat(Polls.awaitPoll(keda, "healthy-type", poll -> true).value()).isEqualTo(HostilePlugins.HEALTHY_VALUE);

            Map<String, Status> failures = new TreeMap<>();
            for (String mode : BROKEN) {
                Status status = await("UNAVAILABLE from " + mode).atMost(SteeredSetup.PATIENCE)
                        .until(() -> statusOf(() -> keda.poll(mode + "-type")), s -> s.getCode() == Status.Code.UNAVAILABLE
                                && !s.getDescription().contains("no measurement has finished"));
                failures.put(mode, status);
                answers.add(status.toString());
            }
            assertThat(failures).allSatisfy((mode, status) -> assertThat(status.getDescription()).as(mode)
                    .contains("(source 'm-" + mode + "')").doesNotContain("\tat ", password));
            assertThat(failures.get("hang").getDescription()).contains("timed out");
            assertThat(failures.get("throw-secret").getDescription()).contains("password authentication failed for [redacted]");
            assertThat(failures.get("fail-secret").getDescription()).contains("login as scaler/[redacted] refused");
            assertThat(Polls.awaitPoll(keda, "close-hangs-type", poll -> true).value()).isEqualTo(7);
            assertHealthy(keda);

            JsonNode status = JSON.readTree(host.http("/status").body());
            assertThat(status.get("plugins").findValuesAsText("directory"))
                    .contains("future-spi", "java21", "corrupt", "hostile", "healthy");
            for (JsonNode plugin : status.get("plugins")) {
                if (List.of("future-spi", "java21", "corrupt").contains(plugin.get("directory").asText())) {
                    assertThat(plugin.get("error").asText()).as(plugin.toString()).isNotBlank().doesNotContain("\tat ");
                }
            }

            // A serviceType added on another source applies within one refresh interval while a measurement hangs.
            long reloadStarted = System.nanoTime();
            host.updateConfig(config("v0", "m-close-hangs", "healthy-two: {source: healthy, target: 2}"));
            await("the added serviceType").atMost(SteeredSetup.PATIENCE).pollInterval(Duration.ofMillis(50))
                    .ignoreException(StatusRuntimeException.class)
                    .until(() -> keda.getMetricSpec(keda.ref("healthy-two"), Optional.empty()).getMetricSpecsCount() == 1);
            Duration applied = Duration.ofNanos(System.nanoTime() - reloadStarted);
            assertThat(applied).as("time until the reload applied").isLessThan(HEALTHY_REFRESH);
            assertThat(Polls.awaitPoll(keda, "healthy-two", poll -> true).value()).isEqualTo(HostilePlugins.HEALTHY_VALUE);
            await().atMost(SteeredSetup.PATIENCE).until(() -> reloads(host) == 1);
            assertThat(JSON.readTree(host.http("/status").body()).path("config").path("lastReloadError").isNull()).isTrue();

            // Ten reloads that change the hanging source's serviceType: each opens that source anew and
            // abandons the stuck call, but threads stay bounded by the cap on abandoned calls.
            long threadsBefore = JvmProbe.threads(host.pid());
            for (int i = 1; i <= 10; i++) {
                host.updateConfig(config("v" + i, "m-close-hangs", "healthy-two: {source: healthy, target: 2}"));
                int expected = 1 + i;
                await("reload " + i).atMost(SteeredSetup.PATIENCE).until(() -> reloads(host) == expected);
                assertHealthy(keda);
            }
            JsonNode afterReloads = JSON.readTree(host.http("/status").body()).path("config");
            assertThat(afterReloads.path("lastReloadError").isNull()).as(afterReloads.toString()).isTrue();
            assertThat(host.log()).contains("opened anew because a measurement of the running instance had not "
                    + "returned (that call is abandoned): m-hang");
            long threadsAfter = JvmProbe.awaitThreadsAtMost(host.pid(), threadsBefore + MAX_ABANDONED + 2,
                    Duration.ofSeconds(90));
            assertThat(threadsAfter).as("threads after ten reloads, from %d before", threadsBefore)
                    .isLessThanOrEqualTo(threadsBefore + MAX_ABANDONED + 2);
            String metrics = host.http("/metrics").body();
            assertThat(MetricsText.parse(metrics).value("scalerhost_plugin_calls_abandoned{plugin=\"hostile\"}"))
                    .hasValueSatisfying(abandoned -> assertThat(abandoned).isBetween(1.0, MAX_ABANDONED + 1.0));
            assertHealthy(keda);

            // A reload dropping a source whose close() never returns: bounded and reported, and later reloads apply.
            host.updateConfig(config("v10", "m-close-hangs-2", "healthy-two: {source: healthy, target: 2}"));
            await("reload 12").atMost(SteeredSetup.PATIENCE).until(() -> reloads(host) == 12);
            await("the abandoned close() reported").atMost(SteeredSetup.PATIENCE).until(() -> JSON.readTree(
                    host.http("/status").body()).path("config").path("reloadWarning").asText()
                    .contains("did not close within 10s and were abandoned: m-close-hangs"));
            host.updateConfig(config("v10", "m-close-hangs-2", "healthy-two: {source: healthy, target: 2}",
                    "healthy-three: {source: healthy, target: 3}"));
            await("reload 13").atMost(SteeredSetup.PATIENCE).until(() -> reloads(host) == 13);
            assertThat(Polls.awaitPoll(keda, "healthy-three", poll -> true).value()).isEqualTo(HostilePlugins.HEALTHY_VALUE);
            assertHealthy(keda);

            answers.add(host.http("/status").body());
            answers.add(metrics);
            answers.add(host.log());
            assertThat(answers).noneSatisfy(text -> assertThat(text).contains(password));

            Duration took = host.stop(GRACE.plus(STOP_MARGIN).plus(Duration.ofSeconds(10)));
            assertThat(took).as("stop with a close() that never returns").isLessThan(GRACE.plus(STOP_MARGIN));
            assertThat(host.log()).contains("source 'm-close-hangs-2' (type hostile) did not close within")
                    .doesNotContain(password);
        }
    }

    @Test
    void aPluginThatExhaustsTheHeapEndsTheProcessWithCode3NamingTheCallInFlight() {
        Distribution distribution = Distribution.unpacked().copy("hostile-oom");
        HostilePlugins.writeTo(distribution.plugins());
        String config = ScalerhostProcess.serverSection() + """
                sources:
                  hoarder: {type: hostile, mode: oom}
                serviceTypes:
                  hoarder-type: {source: hoarder, target: 1}
                """;
        ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("hostile-oom").config(config)
                .env("SCALERHOST_HEAP_OPTS", "-Xms16m -Xmx64m").arguments("run", "--config", "@CONFIG@").launch();

        assertThat(host.awaitExit(SteeredSetup.PATIENCE)).as("exit code").isEqualTo(3);
        assertThat(host.log()).contains("the Java heap is exhausted; the process exits with code 3. "
                + "The last plugin call in flight: measure of plugin ", "(type hostile) on thread scalerhost-measure-");
    }

    @Test
    void checkEndsWithinItsBoundsBesideAHangingMeasurementAndAHangingCloseAndShowsNoSecret() {
        Distribution distribution = Distribution.unpacked().copy("hostile-check");
        HostilePlugins.writeTo(distribution.plugins());
        String config = ScalerhostProcess.serverSection().replace("server:\n", "server:\n  shutdownGrace: 3s\n") + """
                sources:
                  healthy: {type: healthy}
                  m-hang: {type: hostile, mode: hang, timeout: 1s}
                  m-close-hangs: {type: hostile, mode: close-hangs}
                  m-throw-secret: {type: hostile, mode: throw-secret, password: "${BAD_PW}"}
                serviceTypes:
                  healthy-type: {source: healthy, target: 1}
                  hang-type: {source: m-hang, target: 1}
                  close-hangs-type: {source: m-close-hangs, target: 1}
                  throw-secret-type: {source: m-throw-secret, target: 1}
                """;
        long started = System.nanoTime();
        ScalerhostProcess check = ScalerhostProcess.builder(distribution).name("hostile-check").config(config)
                .env("BAD_PW", password).arguments("check", "--config", "@CONFIG@").launch();

        assertThat(check.awaitExit(SteeredSetup.PATIENCE)).as("check's exit code with failing serviceTypes").isEqualTo(1);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(check.log()).containsPattern("healthy-type\\s+healthy\\s+42\\s")
                .contains("timed out", "password authentication failed for [redacted]",
                        "source 'm-close-hangs' (type hostile) did not close within 3s")
                .doesNotContain(password);
        assertThat(took).as("check with a hanging measure() and close()").isLessThan(Duration.ofSeconds(60));
    }

    private static void assertHealthy(KedaClient keda) {
        KedaClient.Poll poll = keda.poll("healthy-type");
        assertThat(poll.value()).as("the healthy serviceType's value").isEqualTo(HostilePlugins.HEALTHY_VALUE);
    }

    private static long reloads(ScalerhostProcess host) throws Exception {
        return JSON.readTree(host.http("/status").body()).path("config").path("reloads").asLong();
    }
}
