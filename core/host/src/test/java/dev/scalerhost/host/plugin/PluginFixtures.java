package dev.scalerhost.host.plugin;

import dev.scalerhost.host.config.NodeSettings;
import dev.scalerhost.host.config.TestSettings;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.runtime.HostSourceContext;
import dev.scalerhost.spi.SourceContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Settings and contexts for calling plugins directly in tests, made by the host's own classes. */
final class PluginFixtures {

    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "plugin-test-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    private PluginFixtures() {
    }

    /** Settings at {@code path} holding the given key, value pairs. */
    static NodeSettings settings(String path, String... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return TestSettings.fromMap(path, values);
    }

    /** The problems recorded on {@code settings}, each as {@code path: message}. */
    static List<String> problems(NodeSettings settings) {
        return settings.problems().list().stream().map(p -> p.path() + ": " + p.message()).toList();
    }

    static SourceContext context(String sourceName) {
        return HostSourceContext.of(sourceName, new HostMetrics(), Clock.systemUTC(), SCHEDULER);
    }
}
