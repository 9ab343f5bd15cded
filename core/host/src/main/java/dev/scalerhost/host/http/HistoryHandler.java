package dev.scalerhost.host.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalerhost.host.history.HistorySnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code /history/<serviceType>}: the recorded last hour of one serviceType as JSON, a point per
 * slot with its time, value (null for a failed measurement, never 0), target, the replicas the HPA
 * computes from them, activity, the error of a failed measurement and the source's detail figures.
 */
final class HistoryHandler extends Endpoint {

    static final String PREFIX = "/history/";
    private static final String JSON = "application/json";

    private final ConsoleView console;

    HistoryHandler(ConsoleView console) {
        this.console = Objects.requireNonNull(console, "console");
    }

    @Override
    protected HttpReply reply() {
        return reply(PREFIX);
    }

    @Override
    protected HttpReply reply(String path) {
        String serviceType = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        if (serviceType.isEmpty() || !console.timings().containsKey(serviceType)) {
            return HttpReply.text(404, (serviceType.isEmpty() ? "name a serviceType" : "no serviceType '"
                    + clip(serviceType) + "'") + ": " + PREFIX + "<serviceType>, one of "
                    + String.join(", ", console.timings().keySet()) + "\n");
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("serviceType", serviceType);
        HistorySnapshot snapshot = console.history(serviceType).orElse(null);
        root.put("resolutionSeconds", snapshot == null ? 0 : snapshot.resolutionMillis() / 1000.0);
        root.put("failingSince", snapshot == null || snapshot.failingSince() == HistorySnapshot.NEVER
                ? null : Instant.ofEpochMilli(snapshot.failingSince()).toString());
        ArrayNode detailNames = root.putArray("details");
        ArrayNode points = root.putArray("points");
        if (snapshot != null) {
            snapshot.detailNames().forEach(detailNames::add);
            snapshot.points().forEach(point -> points.add(point(point)));
        }
        return new HttpReply(200, JSON, JsonTrees.plain(root));
    }

    private ObjectNode point(HistorySnapshot.Point point) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("time", Instant.ofEpochMilli(point.atMillis()).toString());
        node.put("t", point.atMillis());
        if (point.value() == null) {
            node.putNull("value");
            node.putNull("replicas");
        } else {
            node.put("value", point.value());
            node.put("replicas", point.replicas());
        }
        node.put("target", point.target());
        node.put("active", point.active());
        node.put("error", point.error());
        ObjectNode details = node.putObject("details");
        point.details().forEach((name, figure) -> {
            if (Double.isFinite(figure)) {
                details.put(name, figure);
            }
        });
        return node;
    }

    private static String clip(String text) {
        String clipped = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return clipped.replaceAll("[\\p{Cntrl}]", "?");
    }
}
