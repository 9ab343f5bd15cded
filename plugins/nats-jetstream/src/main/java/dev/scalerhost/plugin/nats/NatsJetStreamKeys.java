package dev.scalerhost.plugin.nats;

import dev.scalerhost.plugin.support.TlsKeys;
import dev.scalerhost.spi.ConfigKey;
import java.util.List;

/** The keys of a {@code nats-jetstream} source and binding, with KEDA's names. */
final class NatsJetStreamKeys {

    static final List<ConfigKey> SOURCE = List.of(
            ConfigKey.string("natsServerMonitoringEndpoint",
                    "host:port of the server's HTTP monitoring port, e.g. nats.nats.svc:8222.").asRequired(),
            ConfigKey.bool("useHttps", "Whether the monitoring port speaks https.").withDefault(false),
            TlsKeys.SECTION);

    static final List<ConfigKey> BINDING = List.of(
            ConfigKey.number("target", "KEDA's name for target.").withAliases("lagThreshold"),
            ConfigKey.number("activation", "KEDA's name for activation.").withAliases("activationLagThreshold"),
            ConfigKey.string("stream", "The JetStream stream.").asRequired(),
            ConfigKey.string("consumer", "The stream's consumer whose lag is measured.").asRequired(),
            ConfigKey.string("account", "The NATS account.").withDefault(ConsumerMetric.GLOBAL_ACCOUNT));

    private NatsJetStreamKeys() {
    }
}
