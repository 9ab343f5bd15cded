package dev.scalerhost.host.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalerhost.host.status.CompositeStatus;
import dev.scalerhost.host.status.IgnoredMetadataStatus;
import dev.scalerhost.host.status.PluginStatus;
import dev.scalerhost.host.status.ReloadStatus;
import dev.scalerhost.host.status.ServiceTypeStatus;
import dev.scalerhost.host.status.SourceStatus;
import dev.scalerhost.host.status.StatusView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The {@code /status} document, built as a JSON tree field by field. serviceTypes and sources are
 * objects keyed by name, in configuration order, so that {@code jq '.serviceTypes["ingest-logs"].value'}
 * works; times are ISO-8601 instants, ages are seconds, and unknown values (NaN and infinities too,
 * which JSON lacks) are {@code null}, never 0.
 *
 * <p>Built by hand rather than bound from records by Jackson's data binding, which inspected every
 * record type at the first request (about 30 ms then, 5 now) and whose classes the AOT cache then held
 * for every start to map and load (docs/benchmarks.md, start-up round 7).
 */
final class StatusJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Clock clock;

    StatusJson(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    ObjectNode render(StatusView status, ReadinessReport readiness) {
        Instant now = clock.instant();
        ObjectNode root = NODES.objectNode();
        root.put("ready", readiness.ok());
        strings(root.putArray("notReadyBecause"), readiness.reasons());
        ObjectNode serviceTypes = root.putObject("serviceTypes");
        status.serviceTypes().forEach(one -> serviceType(serviceTypes.putObject(one.serviceType()), one, now));
        ObjectNode sources = root.putObject("sources");
        status.sources().forEach(source -> source(sources.putObject(source.name()), source));
        ArrayNode plugins = root.putArray("plugins");
        status.plugins().forEach(plugin -> plugin(plugins.addObject(), plugin));
        status.reload().ifPresent(reload -> config(root.putObject("config"), reload));
        ArrayNode ignored = root.putArray("ignoredTriggerMetadata");
        status.ignoredMetadata().forEach(one -> ignoredMetadata(ignored.addObject(), one));
        return root;
    }

    /** {@code composite} ({@code {"operator": "max", "parts": {...}}}) only for a composite serviceType. */
    private static void serviceType(ObjectNode node, ServiceTypeStatus status, Instant now) {
        Instant measured = status.measuredAt();
        node.put("source", status.source());
        node.put("metric", status.metric());
        number(node, "value", status.value());
        text(node, "measuredAt", measured);
        number(node, "ageSeconds", measured == null ? null
                : Math.max(0, Duration.between(measured, now).toMillis()) / 1000.0);
        node.put("active", status.active());
        number(node, "target", status.target());
        number(node, "activation", status.activation());
        node.put("lastError", status.lastError());
        text(node, "lastErrorAt", status.lastErrorAt());
        ObjectNode details = node.putObject("details");
        status.details().forEach((name, value) -> number(details, name, value));
        CompositeStatus composite = status.composite();
        if (composite != null) {
            ObjectNode compositeNode = node.putObject("composite");
            compositeNode.put("operator", composite.operator());
            ObjectNode parts = compositeNode.putObject("parts");
            for (CompositeStatus.Part part : composite.parts()) {
                ObjectNode partNode = parts.putObject(part.serviceType());
                number(partNode, "weight", part.weight());
                number(partNode, "value", part.value());
                number(partNode, "weightedValue", part.weightedValue());
                partNode.put("usable", part.usable());
            }
        }
    }

    private static void source(ObjectNode node, SourceStatus source) {
        node.put("type", source.type());
        node.put("description", source.description());
        text(node, "lastSuccess", source.lastSuccess());
        node.put("lastError", source.lastError());
    }

    private static void plugin(ObjectNode node, PluginStatus plugin) {
        node.put("directory", plugin.directory());
        strings(node.putArray("types"), plugin.types());
        node.put("error", plugin.error());
    }

    private static void config(ObjectNode node, ReloadStatus reload) {
        node.put("file", reload.file());
        text(node, "loadedAt", reload.loadedAt());
        node.put("reloads", reload.reloads());
        text(node, "lastReloadAttemptAt", reload.lastAttemptAt());
        node.put("lastReloadError", reload.lastError());
        node.put("reloadWarning", reload.warning());
        strings(node.putArray("pendingRestart"), reload.pendingRestart());
    }

    private static void ignoredMetadata(ObjectNode node, IgnoredMetadataStatus ignored) {
        node.put("scaledObject", ignored.scaledObject());
        node.put("serviceType", ignored.serviceType());
        strings(node.putArray("keys"), ignored.keys());
        node.put("message", ignored.message());
        text(node, "since", ignored.since());
    }

    /** A finite number, or null for none, NaN or an infinity. */
    private static void number(ObjectNode node, String name, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            node.putNull(name);
        } else {
            node.put(name, value.doubleValue());
        }
    }

    /** The value's text ({@link Instant#toString()}: ISO-8601), or null. */
    private static void text(ObjectNode node, String name, Object value) {
        node.put(name, value == null ? null : value.toString());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
