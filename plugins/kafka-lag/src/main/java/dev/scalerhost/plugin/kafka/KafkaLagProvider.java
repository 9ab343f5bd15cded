package dev.scalerhost.plugin.kafka;

import dev.scalerhost.plugin.support.DeclaredSourceProvider;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SpiVersion;
import java.time.Duration;

/** Kafka consumer lag, with the parameters of KEDA's {@code kafka} scaler. */
public final class KafkaLagProvider extends DeclaredSourceProvider {

    public KafkaLagProvider() {
        super("kafka-lag", SpiVersion.CURRENT, KafkaLagKeys.SOURCE, KafkaLagKeys.BINDING);
    }

    @Override
    public MetricSource open(Settings settings, SourceContext context) {
        KafkaClientSettings client = KafkaClientSettings.read(settings, "scalerhost-" + context.sourceName());
        Duration membersInterval = settings.duration("membersRefreshInterval", KafkaLagSource.GROUP_MEMBERS_INTERVAL);
        if (membersInterval.isNegative() || membersInterval.isZero()) {
            settings.problem("membersRefreshInterval", "must be positive, e.g. 15s");
        }
        return client == null || settings.hasProblems() ? null : KafkaLagSource.open(client, membersInterval, context);
    }
}
