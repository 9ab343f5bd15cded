package dev.scalerhost.it.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The work-queue part of the distribution's {@code config/lakerunner.yaml}: its {@code postgres}
 * source and the serviceTypes bound to it, taken from the shipped file as they are, with the file's
 * {@code server} and {@code plugins} sections replaced by the harness's ports and plugin directory.
 * Other sources (Kafka) and their serviceTypes are left out, so these tests depend only on PostgreSQL.
 */
final class LakerunnerQueueConfig {

    static final String FILE = "lakerunner.yaml";
    /** The host's refreshInterval when neither source nor binding sets one (the engine's documented default). */
    static final Duration HOST_DEFAULT_REFRESH = Duration.ofSeconds(5);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final Path file;
    private final String sourceName;
    private final ObjectNode source;
    private final Map<String, ObjectNode> workers;

    private LakerunnerQueueConfig(Path file, String sourceName, ObjectNode source, Map<String, ObjectNode> workers) {
        this.file = file;
        this.sourceName = sourceName;
        this.source = source;
        this.workers = workers;
    }

    /** Reads the distribution's file; fails unless it has exactly one postgres source with serviceTypes. */
    static LakerunnerQueueConfig of(Distribution distribution) {
        Path file = distribution.config().resolve(FILE);
        ObjectNode root;
        try {
            root = (ObjectNode) YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<String> postgres = new ArrayList<>();
        root.path("sources").properties().forEach(entry -> {
            if ("postgres".equals(entry.getValue().path("type").asText())) {
                postgres.add(entry.getKey());
            }
        });
        if (postgres.size() != 1) {
            throw new IllegalStateException(file + " should have exactly one source of type postgres, found " + postgres);
        }
        String sourceName = postgres.get(0);
        Map<String, ObjectNode> workers = new LinkedHashMap<>();
        root.path("serviceTypes").properties().forEach(entry -> {
            if (sourceName.equals(entry.getValue().path("source").asText())) {
                workers.put(entry.getKey(), (ObjectNode) entry.getValue());
            }
        });
        if (workers.isEmpty()) {
            throw new IllegalStateException(file + " binds no serviceType to source " + sourceName);
        }
        return new LakerunnerQueueConfig(file, sourceName, (ObjectNode) root.path("sources").get(sourceName), workers);
    }

    /**
     * A copy whose source also sets {@code refreshInterval} and {@code maxStaleness}, for tests that
     * cannot wait for the file's (or the host's default) staleness bound.
     */
    LakerunnerQueueConfig withSourceTiming(Duration refreshInterval, Duration maxStaleness) {
        ObjectNode changed = source.deepCopy();
        changed.put("refreshInterval", refreshInterval.toMillis() + "ms");
        changed.put("maxStaleness", maxStaleness.toMillis() + "ms");
        return new LakerunnerQueueConfig(file, sourceName, changed, workers);
    }

    String sourceName() {
        return sourceName;
    }

    /** The serviceTypes bound to the source, in file order. */
    List<String> serviceTypes() {
        return List.copyOf(workers.keySet());
    }

    /** The {@code key} of {@code serviceType}'s keyed query row, i.e. the task name it counts. */
    String key(String serviceType) {
        return worker(serviceType).path("key").asText();
    }

    double target(String serviceType) {
        return worker(serviceType).path("target").asDouble(Double.NaN);
    }

    double activation(String serviceType) {
        return worker(serviceType).path("activation").asDouble(0);
    }

    /** The interval every serviceType of the source refreshes at; fails if they differ. */
    Duration refreshInterval() {
        Duration sourceLevel = duration(source, "refreshInterval", HOST_DEFAULT_REFRESH);
        List<Duration> each = workers.values().stream().map(w -> duration(w, "refreshInterval", sourceLevel)).distinct().toList();
        if (each.size() != 1) {
            throw new IllegalStateException(file + ": the serviceTypes of " + sourceName
                    + " refresh at different intervals " + each + "; these tests assume one grouped refresh");
        }
        return each.get(0);
    }

    /** The config file text for {@link ScalerhostProcess}: the harness's server section, then the work-queue part. */
    String yaml() {
        ObjectNode rest = YAML.createObjectNode();
        rest.putObject("sources").set(sourceName, source);
        ObjectNode serviceTypes = rest.putObject("serviceTypes");
        workers.forEach(serviceTypes::set);
        try {
            return ScalerhostProcess.serverSection() + YAML.writeValueAsString(rest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the reduced copy of " + file, e);
        }
    }

    private ObjectNode worker(String serviceType) {
        return Objects.requireNonNull(workers.get(serviceType),
                () -> "serviceType " + serviceType + " is not bound to " + sourceName + " in " + file);
    }

    private Duration duration(ObjectNode node, String key, Duration otherwise) {
        if (!node.has(key)) {
            return otherwise;
        }
        String text = node.get(key).asText();
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException(file + ": " + key + " '" + text + "' is not in a form these tests read (e.g. 5s, 500ms)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
