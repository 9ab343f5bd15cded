package dev.scalerhost.plugin.redis;

import dev.scalerhost.spi.SpiVersion;

/**
 * {@code type: redis}: the length of Redis lists, KEDA's {@code redis} scaler.
 *
 * <p>Source keys: {@code address} (or {@code host} and {@code port}), {@code username},
 * {@code password}, {@code enableTLS}, {@code tls}. Binding keys: {@code listName},
 * {@code databaseIndex}; KEDA's {@code listLength} and {@code activationListLength} are accepted for
 * {@code target} and {@code activation}.
 */
public final class RedisListSourceProvider extends RedisSourceProvider {

    public RedisListSourceProvider() {
        super("redis", SpiVersion.CURRENT, RedisKeys.LIST_BINDING, RedisListSource::new);
    }
}
