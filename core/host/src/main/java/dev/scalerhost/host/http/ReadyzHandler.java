package dev.scalerhost.host.http;

import dev.scalerhost.host.status.StatusView;
import java.util.Objects;

/** {@code /readyz}: 200 when {@link Readiness#readiness} holds, else 503 with the reasons, one a line. */
final class ReadyzHandler extends Endpoint {

    private final Readiness readiness;
    private final StatusView status;

    ReadyzHandler(Readiness readiness, StatusView status) {
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    protected HttpReply reply() {
        ReadinessReport report = readiness.readiness(status.sources());
        return HttpReply.text(report.ok() ? 200 : 503, report.text());
    }
}
