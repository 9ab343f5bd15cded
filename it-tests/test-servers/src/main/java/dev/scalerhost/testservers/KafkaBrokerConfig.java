package dev.scalerhost.testservers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The configuration files of a {@link KafkaBroker}: one KRaft node on loopback, logging to a file. */
final class KafkaBrokerConfig {

    private KafkaBrokerConfig() {
    }

    /**
     * The ports of a broker's listeners.
     *
     * @param tlsPorts the SSL, MTLS and SASL_SSL ports, used only by listeners that {@code tls} asks for
     */
    record Ports(int plaintext, int controller, Map<String, Integer> tlsPorts) {
    }

    /** Writes {@code server.properties} and {@code log4j2.properties} into {@code dataDir}; returns the former. */
    static Path write(Path dataDir, Ports ports, Optional<KafkaBrokerTls> tls, Map<String, String> extraProperties,
                      Path logFile) throws IOException {
        Map<String, String> listeners = new LinkedHashMap<>();
        listeners.put("PLAINTEXT", "PLAINTEXT");
        listeners.put("CONTROLLER", "PLAINTEXT");
        tls.ifPresent(t -> {
            listeners.put("SSL", "SSL");
            t.clientCa().ifPresent(ca -> listeners.put("MTLS", "SSL"));
            if (t.sasl()) {
                listeners.put("SASL_SSL", "SASL_SSL");
            }
        });
        String addresses = listeners.keySet().stream()
                .map(name -> name + "://127.0.0.1:" + port(ports, name))
                .collect(Collectors.joining(","));

        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + ports.controller());
        props.put("listeners", addresses);
        props.put("advertised.listeners", addresses);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", listeners.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(",")));
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("data").toString());
        props.put("num.partitions", "1");
        // One offsets partition instead of 50: the first group operation would otherwise wait for 50 to load.
        props.put("offsets.topic.num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        if (tls.isPresent()) {
            props.putAll(tls.get().brokerProperties(dataDir));
        }
        props.putAll(extraProperties);

        StringBuilder text = new StringBuilder();
        props.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.writeString(dataDir.resolve("log4j2.properties"), log4jConfiguration(logFile), StandardCharsets.UTF_8);
        return file;
    }

    private static int port(Ports ports, String listener) {
        return switch (listener) {
            case "PLAINTEXT" -> ports.plaintext();
            case "CONTROLLER" -> ports.controller();
            default -> ports.tlsPorts().get(listener);
        };
    }

    private static String log4jConfiguration(Path logFile) {
        return String.join("\n",
                "status = warn",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.append = true",
                "appender.file.fileName = " + logFile.toString().replace("\\", "/"),
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = file",
                "logger.kafka.name = kafka",
                "logger.kafka.level = INFO",
                "");
    }
}
