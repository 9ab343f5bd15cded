package dev.scalerhost.plugin.kafka;

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
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/** A config file's {@code kafka} source and its bindings, loaded the way the host loads them. */
record LoadedConfig(HostConfig config, MetricSource source, Map<String, Metric> metrics, List<String> problems) {

    static final Path LAKERUNNER = Path.of("../../config/lakerunner.yaml");

    static LoadedConfig load(Path file, Map<String, String> env, HostMetrics hostMetrics, ScheduledExecutorService scheduler)
            throws Exception {
        KafkaLagProvider provider = new KafkaLagProvider();
        ConfigDocument document = ConfigDocument.read(file, env::get);
        HostConfig config = new ConfigBinder(document, file.toAbsolutePath().getParent())
                .bindWith(type -> provider.type().equals(type) ? PluginKeys.of(provider) : null);
        SourceConfig kafka = config.sources().get("kafka");
        MetricSource source = kafka == null ? null : provider.open(kafka.settings(),
                HostSourceContext.of("kafka", hostMetrics, Clock.systemUTC(), scheduler));
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (ServiceTypeConfig serviceType : config.serviceTypes().values()) {
            if (source != null && serviceType.source().equals("kafka")) {
                metrics.put(serviceType.serviceType(), source.prepare(serviceType.params()));
            }
        }
        document.problems().addUnknownKeys(document);
        // Other sources' keys are read by plugins not loaded here: leave their problems out.
        List<String> others = new ArrayList<>();
        config.sources().keySet().stream().filter(name -> !name.equals("kafka")).forEach(name -> others.add("sources." + name));
        config.serviceTypes().values().stream().filter(b -> !b.source().equals("kafka"))
                .forEach(b -> others.add("serviceTypes." + b.serviceType()));
        List<String> problems = document.problems().list().stream()
                .filter(p -> others.stream().noneMatch(prefix -> p.path().equals(prefix) || p.path().startsWith(prefix + ".")))
                .map(ConfigProblem::render).toList();
        return new LoadedConfig(config, source, metrics, problems);
    }
}
