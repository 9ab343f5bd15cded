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
 * {@code type: redis-streams}: a Redis stream's pending entries, length or consumer-group lag, KEDA's
 * {@code redis-streams} scaler.
 *
 * <p>Source keys as for {@code redis}. Binding keys: {@code stream}, {@code consumerGroup},
 * {@code databaseIndex}; the target is given with KEDA's word for the mode
 * ({@code pendingEntriesCount}, {@code streamLength} or {@code lagCount}) or as {@code target};
 * {@code activationLagCount} is accepted for {@code activation}.
 */
public final class RedisStreamsSourceProvider implements MetricSourceProvider {

    @Override
    public String type() {
        return "redis-streams";
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
        return RedisKeys.STREAMS_BINDING;
    }

    @Override
    public MetricSource open(Settings settings, SourceContext context) {
        Optional<RedisEndpoint> endpoint = RedisEndpoint.read(settings);
        if (endpoint.isEmpty()) {
            return null;
        }
        return new RedisStreamsSource(endpoint.get(), context);
    }
}
