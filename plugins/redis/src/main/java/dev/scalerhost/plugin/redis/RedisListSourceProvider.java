package dev.scalerhost.plugin.redis;

import dev.scalerhost.spi.ConfigKey;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.MetricSourceProvider;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SpiVersion;
import java.util.List;
import java.util.Optional;

/**
 * {@code type: redis}: the length of Redis lists, KEDA's {@code redis} scaler.
 *
 * <p>Source keys: {@code address} (or {@code host} and {@code port}), {@code username},
 * {@code password}, {@code enableTLS}, {@code tls}. Binding keys: {@code listName},
 * {@code databaseIndex}; KEDA's {@code listLength} and {@code activationListLength} are accepted for
 * {@code target} and {@code activation}.
 */
public final class RedisListSourceProvider implements MetricSourceProvider {

    @Override
    public String type() {
        return "redis";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigKey> sourceKeys() {
        return RedisKeys.SOURCE;
    }

    @Override
    public List<ConfigKey> bindingKeys() {
        return RedisKeys.LIST_BINDING;
    }

    @Override
    public MetricSource open(Settings settings, SourceContext context) {
        Optional<RedisEndpoint> endpoint = RedisEndpoint.read(settings);
        if (endpoint.isEmpty()) {
            return null;
        }
        return new RedisListSource(endpoint.get(), context);
    }
}
