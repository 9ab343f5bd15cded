package dev.scalerhost.host.config;

import dev.scalerhost.spi.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes configs to a temporary directory and runs them through the whole loader: read, phase 1,
 * phase 2, a simulated plugin reading its keys, the unknown-key check.
 */
final class ConfigFixture {

    /** The aliases the simulated kafka-lag plugin declares, like KEDA's kafka scaler. */
    static final Map<String, Map<String, String>> ALIASES = Map.of(
            "kafka-lag", Map.of("lagThreshold", "target", "activationLagThreshold", "activation"),
            "postgres", Map.of());

    private final Path directory;
    private final Map<String, String> env = new HashMap<>();

    ConfigFixture(Path directory) {
        this.directory = directory;
    }

    ConfigFixture env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    ConfigDocument read(String yaml) throws IOException, ConfigException {
        return ConfigDocument.read(write("scalerhost.yaml", yaml), env::get);
    }

    /** Loads {@code yaml} all the way; returns the bound config, throws the report if any problem. */
    HostConfig load(String yaml) throws IOException, ConfigException {
        ConfigDocument document = read(yaml);
        HostConfig config = bindAndRunPlugins(document);
        document.problems().throwIfAny(document.file());
        return config;
    }

    /** Loads {@code yaml} all the way and returns the problems, none if it loads. */
    List<ConfigProblem> problems(String yaml) throws IOException {
        try {
            load(yaml);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    /** Loads {@code yaml} all the way and returns the report, failing if it loads. */
    String report(String yaml) throws IOException {
        try {
            load(yaml);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected problems in\n" + yaml);
    }

    private HostConfig bindAndRunPlugins(ConfigDocument document) {
        ConfigBinder binder = new ConfigBinder(document, directory.resolve("home"));
        binder.plugins();
        binder.server();
        HostConfig config = binder.bind(type -> ALIASES.get(type));
        config.sources().values().forEach(source -> openSource(source.type(), source.settings()));
        config.serviceTypes().values().stream().filter(serviceType -> !serviceType.isComposite()).forEach(serviceType ->
                prepare(config.sources().get(serviceType.source()).type(), serviceType.params()));
        document.problems().addUnknownKeys(document);
        return config;
    }

    /** What a kafka-lag or postgres plugin's {@code open} reads. */
    static void openSource(String type, Settings settings) {
        if (type.equals("kafka-lag")) {
            settings.string("bootstrapServers");
            settings.stringMap("properties");
            settings.section("sasl").ifPresent(sasl -> {
                sasl.oneOf("mechanism", "PLAIN", "PLAIN", "SCRAM-SHA-256");
                sasl.secret("password");
            });
        } else {
            settings.string("jdbcUrl");
            settings.string("username");
            settings.secret("password");
            settings.integer("poolSize", 2, 1, 50);
        }
    }

    /** What a kafka-lag or postgres plugin's {@code prepare} reads. */
    static void prepare(String type, Settings params) {
        if (type.equals("kafka-lag")) {
            params.string("topic");
            params.string("consumerGroup");
        } else {
            params.string("query");
        }
        params.requiredNumber("target");
        params.number("activation", 0);
    }
}
