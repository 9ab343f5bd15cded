package dev.scalerhost.host.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalerhost.host.status.BindingStatus;
import dev.scalerhost.host.status.CompositeStatus;
import dev.scalerhost.host.status.IgnoredMetadataStatus;
import dev.scalerhost.host.status.PluginStatus;
import dev.scalerhost.host.status.ReloadStatus;
import dev.scalerhost.host.status.SourceStatus;
import dev.scalerhost.host.status.StatusView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@code /status} document. serviceTypes and sources are objects keyed by name, in
 * configuration order, so that {@code jq '.serviceTypes["ingest-logs"].value'} works; times are
 * ISO-8601 instants, ages are seconds, and unknown values are {@code null}, never 0.
 */
final class StatusJson {

    private final ObjectMapper mapper;
    private final Clock clock;

    StatusJson(ObjectMapper mapper, Clock clock) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    ObjectNode render(StatusView status, ReadinessReport readiness) {
        ObjectNode root = mapper.createObjectNode();
        root.put("ready", readiness.ok());
        ArrayNode reasons = root.putArray("notReadyBecause");
        readiness.reasons().forEach(reasons::add);
        ObjectNode serviceTypes = root.putObject("serviceTypes");
        Instant now = clock.instant();
        for (BindingStatus binding : status.bindings()) {
            serviceTypes.set(binding.serviceType(), binding(binding, now));
        }
        ObjectNode sources = root.putObject("sources");
        for (SourceStatus source : status.sources()) {
            sources.set(source.name(), source(source));
        }
        ArrayNode plugins = root.putArray("plugins");
        for (PluginStatus plugin : status.plugins()) {
            plugins.add(plugin(plugin));
        }
        status.reload().ifPresent(reload -> root.set("config", config(reload)));
        ArrayNode ignored = root.putArray("ignoredTriggerMetadata");
        for (IgnoredMetadataStatus notice : status.ignoredMetadata()) {
            ignored.add(ignoredMetadata(notice));
        }
        return root;
    }

    private ObjectNode binding(BindingStatus binding, Instant now) {
        ObjectNode node = mapper.createObjectNode();
        node.put("source", binding.source());
        node.put("metric", binding.metric());
        putNumber(node, "value", binding.value());
        node.put("measuredAt", text(binding.measuredAt()));
        putNumber(node, "ageSeconds", binding.measuredAt() == null ? null : seconds(binding.measuredAt(), now));
        node.put("active", binding.active());
        putNumber(node, "target", binding.target());
        putNumber(node, "activation", binding.activation());
        node.put("lastError", binding.lastError());
        node.put("lastErrorAt", text(binding.lastErrorAt()));
        ObjectNode details = node.putObject("details");
        binding.details().forEach((key, value) -> putNumber(details, key, value));
        if (binding.composite() != null) {
            node.set("composite", composite(binding.composite()));
        }
        return node;
    }

    /** {@code {"operator": "max", "parts": {"queue-depth": {"weight": 1, "value": 12, ...}}}}. */
    private ObjectNode composite(CompositeStatus composite) {
        ObjectNode node = mapper.createObjectNode();
        node.put("operator", composite.operator());
        ObjectNode parts = node.putObject("parts");
        for (CompositeStatus.Part part : composite.parts()) {
            ObjectNode entry = parts.putObject(part.serviceType());
            putNumber(entry, "weight", part.weight());
            putNumber(entry, "value", part.value());
            putNumber(entry, "weightedValue", part.weightedValue());
            entry.put("usable", part.usable());
        }
        return node;
    }

    private ObjectNode source(SourceStatus source) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", source.type());
        node.put("description", source.description());
        node.put("lastSuccess", text(source.lastSuccess()));
        node.put("lastError", source.lastError());
        return node;
    }

    private ObjectNode config(ReloadStatus reload) {
        ObjectNode node = mapper.createObjectNode();
        node.put("file", reload.file());
        node.put("loadedAt", text(reload.loadedAt()));
        node.put("reloads", reload.reloads());
        node.put("lastReloadAttemptAt", text(reload.lastAttemptAt()));
        node.put("lastReloadError", reload.lastError());
        node.put("reloadWarning", reload.warning());
        ArrayNode pending = node.putArray("pendingRestart");
        reload.pendingRestart().forEach(pending::add);
        return node;
    }

    private ObjectNode ignoredMetadata(IgnoredMetadataStatus notice) {
        ObjectNode node = mapper.createObjectNode();
        node.put("scaledObject", notice.scaledObject());
        node.put("serviceType", notice.serviceType());
        ArrayNode keys = node.putArray("keys");
        notice.keys().forEach(keys::add);
        node.put("message", notice.message());
        node.put("since", text(notice.since()));
        return node;
    }

    private ObjectNode plugin(PluginStatus plugin) {
        ObjectNode node = mapper.createObjectNode();
        node.put("directory", plugin.directory());
        ArrayNode types = node.putArray("types");
        plugin.types().forEach(types::add);
        node.put("error", plugin.error());
        return node;
    }

    /** JSON has no NaN or infinity; such a value is unknown, shown as null. */
    private static void putNumber(ObjectNode node, String field, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis()) / 1000.0;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
