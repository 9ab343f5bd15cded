package dev.scalerhost.host.http;

import dev.scalerhost.host.status.StatusView;
import java.time.Clock;
import java.util.Objects;

/** {@code /status}: the host's state as indented JSON, see {@link StatusJson}. */
final class StatusHandler extends Endpoint {

    private static final String JSON = "application/json";

    private final StatusView status;
    private final Readiness readiness;
    private final StatusJson json;

    StatusHandler(StatusView status, Readiness readiness, Clock clock) {
        this.status = Objects.requireNonNull(status, "status");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.json = new StatusJson(clock);
    }

    @Override
    protected HttpReply reply() {
        return new HttpReply(200, JSON, JsonTrees.indented(json.render(status, readiness.readiness(status.sources()))));
    }
}
