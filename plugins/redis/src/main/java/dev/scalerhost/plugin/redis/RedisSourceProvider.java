package dev.scalerhost.plugin.redis;

import dev.scalerhost.plugin.support.DeclaredSourceProvider;
import dev.scalerhost.spi.ConfigKey;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The providers of the Redis plugin: one server's source keys ({@link RedisEndpoint}) for every type;
 * the type, its binding keys and its source differ.
 */
abstract class RedisSourceProvider extends DeclaredSourceProvider {

    private final BiFunction<RedisEndpoint, SourceContext, MetricSource> source;

    RedisSourceProvider(String type, int spiVersion, List<ConfigKey> bindingKeys,
            BiFunction<RedisEndpoint, SourceContext, MetricSource> source) {
        super(type, spiVersion, RedisKeys.SOURCE, bindingKeys);
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public final MetricSource open(Settings settings, SourceContext context) {
        return RedisEndpoint.read(settings).map(endpoint -> source.apply(endpoint, context)).orElse(null);
    }
}
