package dev.scalerhost.plugin.redis;

import dev.scalerhost.spi.SpiVersion;

/**
 * {@code type: redis-streams}: a Redis stream's pending entries, length or consumer-group lag, KEDA's
 * {@code redis-streams} scaler.
 *
 * <p>Source keys as for {@code redis}. Binding keys: {@code stream}, {@code consumerGroup},
 * {@code databaseIndex}; the target is given with KEDA's word for the mode
 * ({@code pendingEntriesCount}, {@code streamLength} or {@code lagCount}) or as {@code target};
 * {@code activationLagCount} is accepted for {@code activation}.
 */
public final class RedisStreamsSourceProvider extends RedisSourceProvider {

    public RedisStreamsSourceProvider() {
        super("redis-streams", SpiVersion.CURRENT, RedisKeys.STREAMS_BINDING, RedisStreamsSource::new);
    }
}
