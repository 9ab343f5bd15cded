package dev.scalerhost.plugin.rabbitmq;

import dev.scalerhost.plugin.support.DeclaredSourceProvider;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SpiVersion;
import java.util.Optional;

/**
 * {@code type: rabbitmq}: queue length or publish rate, KEDA's {@code rabbitmq} scaler.
 *
 * <p>Source keys: {@code url}, {@code username}, {@code password}, {@code tls}. Binding keys:
 * {@code queueName}, {@code vhostName}, {@code mode} ({@code QueueLength}, {@code MessageRate}),
 * {@code excludeUnacknowledged}, {@code useRegex}, {@code operation}, {@code pageSize}; KEDA's
 * {@code value} and {@code activationValue} are accepted for {@code target} and {@code activation}.
 */
public final class RabbitMqSourceProvider extends DeclaredSourceProvider {

    public RabbitMqSourceProvider() {
        super("rabbitmq", SpiVersion.CURRENT, RabbitMqKeys.SOURCE, RabbitMqKeys.BINDING);
    }

    @Override
    public MetricSource open(Settings settings, SourceContext context) {
        Optional<BrokerEndpoint> endpoint = BrokerEndpoint.read(settings);
        if (endpoint.isEmpty()) {
            return null;
        }
        return endpoint.get().amqp() ? new AmqpSource(endpoint.get(), context) : new ManagementSource(endpoint.get(), context);
    }
}
