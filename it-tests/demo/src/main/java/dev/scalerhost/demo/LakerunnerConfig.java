package dev.scalerhost.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shipped {@code config/lakerunner.yaml}, read for what the workload must feed: the topic and
 * consumer group of every serviceType on a {@code kafka-lag} source and the task of every one on a
 * {@code postgres} source. Reading them here keeps the demo in step with the file.
 */
final class LakerunnerConfig {

    /** A serviceType measured as consumer lag. */
    record KafkaBinding(String serviceType, String topic, String consumerGroup, double target) {
        KafkaBinding {
            Objects.requireNonNull(serviceType, "serviceType");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(consumerGroup, "consumerGroup");
        }
    }

    /** A serviceType measured as the depth of one task in the work queue. */
    record QueueBinding(String serviceType, String taskName, double target) {
        QueueBinding {
            Objects.requireNonNull(serviceType, "serviceType");
            Objects.requireNonNull(taskName, "taskName");
        }
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path file;
    private final ObjectNode root;
    private final List<KafkaBinding> kafka;
    private final List<QueueBinding> queue;

    private LakerunnerConfig(Path file, ObjectNode root, List<KafkaBinding> kafka, List<QueueBinding> queue) {
        this.file = file;
        this.root = root;
        this.kafka = List.copyOf(kafka);
        this.queue = List.copyOf(queue);
    }

    /** Reads {@code file}; fails with a message naming the file when it lacks what the demo feeds. */
    static LakerunnerConfig read(Path file) throws IOException {
        JsonNode tree = YAML.readTree(file.toFile());
        if (!(tree instanceof ObjectNode root)) {
            throw new IOException(file + " is not a YAML mapping");
        }
        JsonNode sources = root.path("sources");
        List<KafkaBinding> kafka = new ArrayList<>();
        List<QueueBinding> queue = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.path("serviceTypes").properties()) {
            String name = entry.getKey();
            JsonNode binding = entry.getValue();
            String sourceType = sources.path(binding.path("source").asText()).path("type").asText();
            double target = binding.path("target").asDouble(0);
            if (target <= 0) {
                throw new IOException(file + ": serviceTypes." + name + " has no positive target; the demo needs one");
            }
            switch (sourceType) {
                case "kafka-lag" -> kafka.add(new KafkaBinding(name, required(file, name, binding, "topic"),
                        required(file, name, binding, "consumerGroup"), target));
                case "postgres" -> queue.add(new QueueBinding(name, required(file, name, binding, "key"), target));
                default -> throw new IOException(file + ": serviceTypes." + name + " uses a source of type '"
                        + sourceType + "'; the demo feeds only kafka-lag and postgres sources");
            }
        }
        if (kafka.isEmpty() || queue.isEmpty()) {
            throw new IOException(file + " needs serviceTypes on both a kafka-lag and a postgres source; found "
                    + kafka.size() + " and " + queue.size());
        }
        return new LakerunnerConfig(file, root, kafka, queue);
    }

    private static String required(Path file, String serviceType, JsonNode binding, String key) throws IOException {
        String value = binding.path(key).asText("");
        if (value.isBlank()) {
            throw new IOException(file + ": serviceTypes." + serviceType + "." + key + " is missing; the demo needs it");
        }
        return value;
    }

    List<KafkaBinding> kafka() {
        return kafka;
    }

    List<QueueBinding> queue() {
        return queue;
    }

    /** Every serviceType, Kafka ones first, in file order. */
    List<String> serviceTypes() {
        List<String> names = new ArrayList<>();
        kafka.forEach(b -> names.add(b.serviceType()));
        queue.forEach(b -> names.add(b.serviceType()));
        return names;
    }

    /**
     * Writes the same configuration with only the listeners changed to {@code bindAddress} and the
     * demo's ports, so the ports can be overridden without editing the shipped file.
     */
    Path writeWithListeners(Path target, String bindAddress, int grpcPort, int httpPort) throws IOException {
        ObjectNode copy = root.deepCopy();
        ObjectNode server = copy.withObjectProperty("server");
        server.withObjectProperty("grpc").put("host", bindAddress).put("port", grpcPort);
        server.withObjectProperty("http").put("host", bindAddress).put("port", httpPort);
        String text = "# Written by ./demo from " + file + ":\n"
                + "# the same configuration, listening on " + bindAddress + " ports " + grpcPort + " and " + httpPort + ".\n"
                + YAML.writeValueAsString(copy);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
        return target;
    }
}
