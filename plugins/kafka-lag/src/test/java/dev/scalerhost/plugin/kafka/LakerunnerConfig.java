package dev.scalerhost.plugin.kafka;

import dev.scalerhost.host.config.BindingConfig;
import dev.scalerhost.host.config.ConfigBinder;
import dev.scalerhost.host.config.ConfigDocument;
import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.config.HostConfig;
import dev.scalerhost.host.config.SourceConfig;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.runtime.HostSourceContext;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/** config/lakerunner.yaml's kafka source and its bindings, loaded the way the host loads them. */
record LakerunnerConfig(HostConfig config, MetricSource source, Map<String, Metric> metrics, List<String> problems) {

    static final Path FILE = Path.of("../../config/lakerunner.yaml");

    static LakerunnerConfig load(Map<String, String> env, HostMetrics hostMetrics, ScheduledExecutorService scheduler)
            throws Exception {
        KafkaLagProvider provider = new KafkaLagProvider();
        ConfigDocument document = ConfigDocument.read(FILE, env::get);
        HostConfig config = ConfigBinder.bind(document, Path.of("../.."),
                type -> provider.type().equals(type) ? provider.bindingKeyAliases() : Map.of());
        SourceConfig kafka = config.sources().get("kafka");
        MetricSource source = provider.open(kafka.settings(),
                HostSourceContext.of("kafka", hostMetrics, Clock.systemUTC(), scheduler));
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (BindingConfig binding : config.serviceTypes().values()) {
            if (binding.source().equals("kafka")) {
                metrics.put(binding.serviceType(), source.prepare(binding.params()));
            }
        }
        document.problems().addUnknownKeys(document);
        List<String> problems = document.problems().list().stream()
                .filter(p -> p.path().startsWith("sources.kafka") || metrics.keySet().stream()
                        .anyMatch(name -> p.path().startsWith("serviceTypes." + name)))
                .map(ConfigProblem::render).toList();
        return new LakerunnerConfig(config, source, metrics, problems);
    }
}
