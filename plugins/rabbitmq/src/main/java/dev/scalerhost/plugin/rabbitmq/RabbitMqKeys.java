package dev.scalerhost.plugin.rabbitmq;

import dev.scalerhost.plugin.support.TlsKeys;
import dev.scalerhost.spi.ConfigKey;
import java.util.List;

/** The keys of a {@code rabbitmq} source and binding, with KEDA's names. */
final class RabbitMqKeys {

    static final List<ConfigKey> SOURCE = List.of(
            ConfigKey.string("url", "amqp(s):// for the broker, or http(s):// for its management API.").asRequired(),
            ConfigKey.string("username", "The user.").asRequired(),
            ConfigKey.secret("password", "The user's password; use ${file:/path} or ${ENV}."),
            TlsKeys.SECTION);

    static final List<ConfigKey> BINDING = List.of(
            ConfigKey.number("target", "KEDA's name for target.").withAliases("value"),
            ConfigKey.number("activation", "KEDA's name for activation.").withAliases("activationValue"),
            ConfigKey.string("queueName", "The queue (a regular expression with useRegex).").asRequired(),
            ConfigKey.string("vhostName", "The virtual host.").withDefault("/"),
            ConfigKey.oneOf("mode", "What is measured: messages in the queue or the publish rate.",
                    "QueueLength", "MessageRate").withDefault("QueueLength"),
            ConfigKey.bool("excludeUnacknowledged", "Count only messages ready for delivery.").withDefault(false),
            ConfigKey.bool("useRegex", "queueName is a regular expression over the queues (management API).")
                    .withDefault(false),
            ConfigKey.oneOf("operation", "How the matching queues combine, with useRegex.", "sum", "max", "avg")
                    .withDefault("sum"),
            ConfigKey.integer("pageSize", "Queues per page of the management API, with useRegex.").withDefault(100));

    private RabbitMqKeys() {
    }
}
