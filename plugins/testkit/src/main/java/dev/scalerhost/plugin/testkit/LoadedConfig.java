package dev.scalerhost.plugin.testkit;

import dev.scalerhost.host.config.ConfigBinder;
import dev.scalerhost.host.config.ConfigDocument;
import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.config.HostConfig;
import dev.scalerhost.host.config.PluginKeys;
import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.SourceConfig;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.runtime.HostSourceContext;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.MetricSourceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A config file loaded the way the host loads it (aliases, substitution, unknown keys), with the
 * providers that the plugin under test declares in its {@code META-INF/services}: its sources opened
 * and its bindings prepared.
 */
public record LoadedConfig(HostConfig config, Map<String, MetricSource> sources, Map<String, Metric> metrics,
                    List<String> problems) implements AutoCloseable {

    public static final HostMetrics METRICS = new HostMetrics();
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "test-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private static final List<MetricSourceProvider> PROVIDERS = ServiceLoader.load(MetricSourceProvider.class).stream()
            .map(ServiceLoader.Provider::get).toList();

    public static LoadedConfig load(Path dir, String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("scalerhost.yaml");
        Files.writeString(file, yaml);
        ConfigDocument document = ConfigDocument.read(file, env::get);
        HostConfig config = new ConfigBinder(document, dir).bindWith(type -> PluginKeys.of(provider(type)));
        Map<String, MetricSource> sources = new LinkedHashMap<>();
        for (SourceConfig source : config.sources().values()) {
            MetricSource opened = provider(source.type()).open(source.settings(),
                    HostSourceContext.of(source.name(), METRICS, Clock.systemUTC(), SCHEDULER));
            if (opened != null) {
                sources.put(source.name(), opened);
            }
        }
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (ServiceTypeConfig serviceType : config.serviceTypes().values()) {
            MetricSource source = sources.get(serviceType.source());
            if (source != null) {
                Metric metric = source.prepare(serviceType.params());
                if (metric != null) {
                    metrics.put(serviceType.serviceType(), metric);
                }
            }
        }
        document.problems().addUnknownKeys(document);
        List<String> problems = document.problems().list().stream().map(ConfigProblem::render).toList();
        return new LoadedConfig(config, sources, metrics, problems);
    }

    public static LoadedConfig load(Path dir, String yaml) throws Exception {
        return load(dir, yaml, Map.of());
    }

    private static MetricSourceProvider provider(String type) {
        return PROVIDERS.stream().filter(p -> p.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no provider of type " + type + " on the test classpath"));
    }

    public MetricSource source(String name) {
        return sources.get(name);
    }

    public Metric metric(String serviceType) {
        return metrics.get(serviceType);
    }

    @Override
    public void close() throws Exception {
        for (MetricSource source : sources.values()) {
            source.close();
        }
    }
}
