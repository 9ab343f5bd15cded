package dev.scalerhost.host.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.scalerhost.host.status.CompositeStatus;
import dev.scalerhost.host.status.IgnoredMetadataStatus;
import dev.scalerhost.host.status.PluginStatus;
import dev.scalerhost.host.status.ReloadStatus;
import dev.scalerhost.host.status.ServiceTypeStatus;
import dev.scalerhost.host.status.SourceStatus;
import dev.scalerhost.host.status.StatusView;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code /status} document, bound by Jackson from the records below. serviceTypes and sources
 * are objects keyed by name, in configuration order, so that
 * {@code jq '.serviceTypes["ingest-logs"].value'} works; times are ISO-8601 instants, ages are
 * seconds, and unknown values are {@code null}, never 0.
 */
final class StatusJson {

    private final Clock clock;

    StatusJson(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    ObjectNode render(StatusView status, ReadinessReport readiness) {
        Instant now = clock.instant();
        Map<String, ServiceType> serviceTypes = new LinkedHashMap<>();
        status.serviceTypes().forEach(one -> serviceTypes.put(one.serviceType(), ServiceType.of(one, now)));
        Map<String, Source> sources = new LinkedHashMap<>();
        status.sources().forEach(source -> sources.put(source.name(), Source.of(source)));
        return Mapper.INSTANCE.valueToTree(new Document(readiness.ok(), readiness.reasons(), serviceTypes, sources,
                status.plugins(), status.reload().map(Config::of).orElse(null), status.ignoredMetadata()));
    }

    private record Document(boolean ready, List<String> notReadyBecause, Map<String, ServiceType> serviceTypes,
            Map<String, Source> sources, List<PluginStatus> plugins, @JsonInclude(JsonInclude.Include.NON_NULL)
            Config config, List<IgnoredMetadataStatus> ignoredTriggerMetadata) {
    }

    /** A serviceType; {@code composite} ({@code {"operator": "max", "parts": {...}}}) only for a composite. */
    private record ServiceType(String source, String metric, Double value, Instant measuredAt, Double ageSeconds,
            boolean active, double target, double activation, String lastError, Instant lastErrorAt,
            Map<String, Double> details, @JsonInclude(JsonInclude.Include.NON_NULL) Composite composite) {

        static ServiceType of(ServiceTypeStatus status, Instant now) {
            Instant measured = status.measuredAt();
            return new ServiceType(status.source(), status.metric(), status.value(), measured,
                    measured == null ? null : Math.max(0, Duration.between(measured, now).toMillis()) / 1000.0,
                    status.active(), status.target(), status.activation(), status.lastError(),
                    status.lastErrorAt(), status.details(),
                    status.composite() == null ? null : Composite.of(status.composite()));
        }
    }

    private record Composite(String operator, Map<String, Part> parts) {

        static Composite of(CompositeStatus composite) {
            Map<String, Part> parts = new LinkedHashMap<>();
            composite.parts().forEach(part -> parts.put(part.serviceType(),
                    new Part(part.weight(), part.value(), part.weightedValue(), part.usable())));
            return new Composite(composite.operator(), parts);
        }
    }

    private record Part(double weight, Double value, Double weightedValue, boolean usable) {
    }

    private record Source(String type, String description, Instant lastSuccess, String lastError) {

        static Source of(SourceStatus source) {
            return new Source(source.type(), source.description(), source.lastSuccess(), source.lastError());
        }
    }

    private record Config(String file, Instant loadedAt, long reloads, Instant lastReloadAttemptAt,
            String lastReloadError, String reloadWarning, List<String> pendingRestart) {

        static Config of(ReloadStatus reload) {
            return new Config(reload.file(), reload.loadedAt(), reload.reloads(), reload.lastAttemptAt(),
                    reload.lastError(), reload.warning(), reload.pendingRestart());
        }
    }

    /** JSON has no NaN or infinity; such a value is unknown, shown as null. */
    private static final class FiniteOrNull extends StdSerializer<Double> {

        FiniteOrNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (value.isNaN() || value.isInfinite()) {
                out.writeNull();
            } else {
                out.writeNumber(value);
            }
        }
    }

    /** Made by the JVM at the first render, not at start (see {@link JsonMappers}). */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper().registerModule(new SimpleModule("status")
                .addSerializer(Instant.class, ToStringSerializer.instance)
                .addSerializer(Double.class, new FiniteOrNull())
                .addSerializer(Double.TYPE, new FiniteOrNull()));
    }
}
