package dev.scalerhost.host.engine;

import dev.scalerhost.host.config.CompositeConfig;
import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.Timing;
import dev.scalerhost.spi.Settings;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** serviceTypes for tests; the engine never reads a serviceType's plugin parameters. */
public final class TestServiceTypes {

    private static final Settings NO_PARAMS = (Settings) Proxy.newProxyInstance(TestServiceTypes.class.getClassLoader(),
            new Class<?>[] {Settings.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException("the engine must not read plugin parameters: " + method.getName());
            });

    private TestServiceTypes() {
    }

    public static Timing timing(long refreshMillis, long timeoutMillis, long maxStalenessMillis) {
        return new Timing(Duration.ofMillis(refreshMillis), Duration.ofMillis(timeoutMillis), Duration.ofMillis(maxStalenessMillis));
    }

    public static ServiceTypeConfig serviceType(String serviceType, String source, double target, double activation,
            Timing timing, Set<String> overrides) {
        return new ServiceTypeConfig(serviceType, source, target, activation, timing, overrides, NO_PARAMS);
    }

    public static PreparedServiceType prepared(ServiceTypeConfig config) {
        return config.isComposite() ? PreparedServiceType.composite(config)
                : new PreparedServiceType(config, new FakeSource.FakeMetric(config.serviceType()));
    }

    /** A composite of {@code parts} (serviceType to weight, in iteration order). */
    public static ServiceTypeConfig composite(String serviceType, CompositeConfig.Operator operator,
            Map<String, Double> parts, double target, double activation, Timing timing) {
        return ServiceTypeConfig.composite(serviceType, new CompositeConfig(operator, parts), target, activation, timing,
                Set.of());
    }
}
