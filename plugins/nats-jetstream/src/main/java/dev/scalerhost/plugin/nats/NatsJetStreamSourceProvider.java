package dev.scalerhost.plugin.nats;

import dev.scalerhost.plugin.support.DeclaredSourceProvider;
import dev.scalerhost.plugin.support.PemTls;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SpiVersion;
import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * {@code type: nats-jetstream}: a JetStream consumer's lag, KEDA's {@code nats-jetstream} scaler.
 *
 * <p>Source keys: {@code natsServerMonitoringEndpoint} ({@code host:port} of the HTTP monitoring port),
 * {@code useHttps}, {@code tls}. Binding keys: {@code stream}, {@code consumer}, {@code account}; KEDA's
 * {@code lagThreshold} and {@code activationLagThreshold} are accepted for {@code target} and
 * {@code activation}.
 */
public final class NatsJetStreamSourceProvider extends DeclaredSourceProvider {

    public NatsJetStreamSourceProvider() {
        super("nats-jetstream", SpiVersion.CURRENT, NatsJetStreamKeys.SOURCE, NatsJetStreamKeys.BINDING);
    }

    @Override
    public MetricSource open(Settings settings, SourceContext context) {
        String endpoint = settings.string("natsServerMonitoringEndpoint");
        boolean useHttps = settings.bool("useHttps", false);
        SSLContext tls = settings.section("tls").map(PemTls::sslContext).orElse(null);
        URI url = null;
        if (endpoint != null) {
            String trimmed = endpoint.strip();
            if (trimmed.contains("://") || trimmed.contains("/") || !trimmed.matches("[^:]+:\\d{1,5}")) {
                settings.problem("natsServerMonitoringEndpoint", "must be host:port of the server's monitoring port"
                        + " (no scheme, no path), e.g. nats.nats.svc:8222; useHttps selects https");
            } else {
                url = URI.create((useHttps ? "https" : "http") + "://" + trimmed);
            }
        }
        if (tls != null && !useHttps) {
            settings.problem("tls", "is set but useHttps is false");
        }
        if (settings.hasProblems()) {
            return null;
        }
        return new NatsJetStreamSource(url, tls, context);
    }
}
