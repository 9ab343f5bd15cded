package dev.scalerhost.host.http;

import dev.scalerhost.host.status.StatusView;
import java.util.Objects;

/**
 * {@code /healthz}: the strict overall check for monitors and humans. 200 only when the host is
 * ready and every source's last measurement succeeded, whatever {@code readinessRequiresSources}
 * says; else 503 with the reasons. Probes should use {@code /livez} and {@code /readyz}.
 */
final class HealthzHandler extends Endpoint {

    private final Readiness readiness;
    private final StatusView status;

    HealthzHandler(Readiness readiness, StatusView status) {
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    protected HttpReply reply() {
        ReadinessReport report = readiness.health(status.sources());
        return HttpReply.text(report.ok() ? 200 : 503, report.text());
    }
}
