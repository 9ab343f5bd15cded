package dev.scalerhost.host.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalerhost.host.config.Timing;
import dev.scalerhost.host.history.HistorySnapshot;
import dev.scalerhost.host.history.Replicas;
import dev.scalerhost.host.status.StatusView;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /console/state}: what the console page polls. The {@code /status} document (so the same
 * rules keep secrets out) plus, per serviceType, its refresh interval and maxStaleness, whether KEDA
 * gets a value now ({@code usable}), since when it has not, since when measurements fail, and the
 * replicas the HPA computes (AverageValue: ceil(value / target)).
 */
final class ConsoleStateHandler extends Endpoint {

    private static final String JSON = "application/json";

    private final StatusView status;
    private final Readiness readiness;
    private final ConsoleView console;
    private final Clock clock;
    private final StatusJson json;

    ConsoleStateHandler(StatusView status, Readiness readiness, ConsoleView console, Clock clock) {
        this.status = Objects.requireNonNull(status, "status");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.console = Objects.requireNonNull(console, "console");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = new StatusJson(clock);
    }

    @Override
    protected HttpReply reply() {
        Instant now = clock.instant();
        ObjectNode root = json.render(status, readiness.readiness(status.sources()));
        root.put("now", now.toString());
        Map<String, Timing> timings = console.timings();
        JsonNode serviceTypes = root.get("serviceTypes");
        for (Iterator<Map.Entry<String, JsonNode>> it = serviceTypes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            ObjectNode node = (ObjectNode) entry.getValue();
            Timing timing = timings.get(entry.getKey());
            if (timing != null) {
                extend(entry.getKey(), node, timing, now);
            }
        }
        return new HttpReply(200, JSON, JsonTrees.plain(root));
    }

    private void extend(String serviceType, ObjectNode node, Timing timing, Instant now) {
        node.put("refreshIntervalSeconds", timing.refreshInterval().toMillis() / 1000.0);
        node.put("maxStalenessSeconds", timing.maxStaleness().toMillis() / 1000.0);
        JsonNode value = node.get("value");
        JsonNode measuredAt = node.get("measuredAt");
        Instant measured = measuredAt == null || measuredAt.isNull() ? null : Instant.parse(measuredAt.asText());
        Instant staleAt = measured == null ? null : measured.plus(timing.maxStaleness());
        boolean usable = staleAt != null && !now.isAfter(staleAt);
        node.put("usable", usable);
        if (value != null && value.isNumber()) {
            node.put("replicas", Replicas.averageValue(value.asDouble(), node.get("target").asDouble()));
        } else {
            node.putNull("replicas");
        }
        long failingSince = console.failingSince(serviceType);
        Instant failing = failingSince == HistorySnapshot.NEVER ? null : Instant.ofEpochMilli(failingSince);
        node.put("failingSince", failing == null ? null : failing.toString());
        Instant unavailableSince = usable ? null : staleAt != null ? staleAt : failing;
        node.put("unavailableSince", unavailableSince == null ? null : unavailableSince.toString());
    }
}
