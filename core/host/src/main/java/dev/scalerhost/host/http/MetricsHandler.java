package dev.scalerhost.host.http;

import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.MetricsExposition;

/** {@code /metrics}: the host's metrics in the Prometheus text format. */
final class MetricsHandler extends Endpoint {

    private final MetricsExposition exposition;

    MetricsHandler(HostMetrics metrics) {
        this.exposition = new MetricsExposition(metrics);
    }

    @Override
    protected HttpReply reply() {
        return new HttpReply(200, MetricsExposition.CONTENT_TYPE, exposition.scrape());
    }
}
