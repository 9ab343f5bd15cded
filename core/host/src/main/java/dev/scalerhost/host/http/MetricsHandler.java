package dev.scalerhost.host.http;

import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.PrometheusTextWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** {@code /metrics}: the whole registry in the Prometheus text format. */
final class MetricsHandler extends Endpoint {

    private final HostMetrics metrics;
    private final PrometheusTextWriter writer = new PrometheusTextWriter();

    MetricsHandler(HostMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    protected HttpReply reply() {
        byte[] body = writer.write(metrics).getBytes(StandardCharsets.UTF_8);
        return new HttpReply(200, PrometheusTextWriter.CONTENT_TYPE, body);
    }
}
