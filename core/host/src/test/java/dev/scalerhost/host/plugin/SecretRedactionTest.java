package dev.scalerhost.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.host.config.NodeSettings;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.MetricsSamples;
import dev.scalerhost.host.runtime.HostSourceContext;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that quotes the password it read with {@code Settings.secret} in everything it says: the
 * host's view of its words never holds the password.
 */
class SecretRedactionTest {

    /** Type {@code leaky}: the serviceType setting {@code leak} picks where the password goes. */
    private static final String LEAKY = """
            package com.acme;

            import dev.scalerhost.spi.*;
            import java.util.*;

            public class Leaky implements MetricSourceProvider {
                @Override public String type() { return "leaky"; }
                @Override public int spiVersion() { return SpiVersion.CURRENT; }
                @Override public MetricSource open(Settings settings, SourceContext context) {
                    String password = settings.secret("password").orElse("");
                    context.metrics().count("logins", 1, "user", "scaler:" + password);
                    return new MetricSource() {
                        @Override public Metric prepare(Settings params) {
                            String leak = params.string("leak", "none");
                            if (leak.equals("problem")) {
                                params.problem("leak", "cannot log in with " + password);
                                return null;
                            }
                            return () -> leak + " with " + password;
                        }
                        @Override public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline) {
                            Map<Metric, Reading> readings = new HashMap<>();
                            for (Metric metric : metrics) {
                                if (metric.describe().startsWith("throw")) {
                                    throw new IllegalStateException("FATAL: password authentication failed: " + password);
                                }
                                readings.put(metric, Reading.failure("wrong password " + password + " for scaler"));
                            }
                            return readings;
                        }
                        @Override public String describe() { return "postgres://scaler:" + password + "@db"; }
                        @Override public void close() { }
                    };
                }
            }
            """;

    @TempDir
    static Path root;

    private static PluginCatalog catalog;
    private static HostMetrics metrics = new HostMetrics();
    private static final String PASSWORD = "literal-" + UUID.randomUUID();

    @BeforeAll
    static void buildPlugin() {
        TestJars.jar().source("com.acme.Leaky", LEAKY).service("com.acme.Leaky")
                .writeTo(root.resolve("plugins/leaky/leaky.jar"));
        catalog = new PluginLoader().load(root.resolve("plugins"));
    }

    @AfterAll
    static void closeCatalog() {
        catalog.close();
    }

    private static MetricSource open() throws PluginException {
        return catalog.provider("leaky").orElseThrow().open(
                PluginFixtures.settings("sources.db", "password", PASSWORD),
                HostSourceContext.of("db", metrics, Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor()));
    }

    @Test
    void aValueReadAsSecretIsRedactedFromFailuresExceptionsDescriptionsProblemsAndMetricLabels() throws Exception {
        try (MetricSource source = open()) {
            NodeSettings failing = PluginFixtures.settings("serviceTypes.a", "leak", "fail");
            NodeSettings throwing = PluginFixtures.settings("serviceTypes.b", "leak", "throw");
            NodeSettings reporting = PluginFixtures.settings("serviceTypes.c", "leak", "problem");
            Metric fails = source.prepare(failing);
            Metric throwsUp = source.prepare(throwing);
            source.prepare(reporting);

            Map<Metric, Reading> readings = source.measure(List.of(fails), Deadline.after(Duration.ofSeconds(5)));
            assertThat(readings.get(fails)).isEqualTo(Reading.failure("wrong password [redacted] for scaler"));
            assertThatThrownBy(() -> source.measure(List.of(throwsUp), Deadline.after(Duration.ofSeconds(5))))
                    .isInstanceOf(PluginException.class)
                    .hasMessageEndingWith("failed in measure: java.lang.IllegalStateException: "
                            + "FATAL: password authentication failed: [redacted]");
            assertThat(source.describe()).isEqualTo("postgres://scaler:[redacted]@db");
            assertThat(fails.describe()).isEqualTo("fail with [redacted]");
            assertThat(PluginFixtures.problems(reporting)).containsExactly("serviceTypes.c.leak: cannot log in with [redacted]");
            assertThat(MetricsSamples.of(metrics).all().keySet())
                    .anySatisfy(name -> assertThat(name).contains("[redacted]"))
                    .noneSatisfy(name -> assertThat(name).contains(PASSWORD));
        }
    }
}
