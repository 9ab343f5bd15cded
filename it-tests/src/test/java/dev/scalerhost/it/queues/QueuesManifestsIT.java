package dev.scalerhost.it.queues;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code distribution/kubernetes/queues} has one ScaledObject per serviceType of {@code config/queues.yaml}, and no other. */
class QueuesManifestsIT {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void everyServiceTypeOfTheExampleHasAnExternalTriggerAndEveryTriggerNamesOne() throws IOException {
        Path root = Path.of(System.getProperty("scalerhost.source.root"));
        JsonNode config = YAML.readTree(root.resolve("config/queues.yaml").toFile());
        List<String> serviceTypes = new ArrayList<>();
        config.path("serviceTypes").fieldNames().forEachRemaining(serviceTypes::add);

        Path directory = root.resolve("distribution/kubernetes/queues");
        JsonNode kustomization = YAML.readTree(directory.resolve("kustomization.yaml").toFile());
        List<String> triggered = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class)
                    .readValues(directory.resolve(resource.asText()).toFile())) {
                for (JsonNode document : documents.readAll()) {
                    assertThat(document.path("kind").asText()).isEqualTo("ScaledObject");
                    JsonNode trigger = document.path("spec").path("triggers").get(0);
                    assertThat(trigger.path("type").asText()).isEqualTo("external");
                    assertThat(document.path("spec").path("fallback").path("replicas").asInt()).isPositive();
                    triggered.add(trigger.path("metadata").path("serviceType").asText());
                }
            }
        }
        assertThat(serviceTypes).hasSize(5);
        assertThat(triggered).containsExactlyInAnyOrderElementsOf(serviceTypes);
    }
}
