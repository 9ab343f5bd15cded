package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalerhost.spi.ConfigKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

    private static final PluginKeys DECLARED = new PluginKeys(Map.of("depthThreshold", "target"), true,
            List.of(ConfigKey.string("url", "Where the queue is.").asRequired()),
            List.of(ConfigKey.number("target", "KEDA's word.").withAliases("depthThreshold"),
                    ConfigKey.oneOf("mode", "What to count.", "length", "rate").withDefault("length")));
    private static final PluginKeys UNDECLARED = new PluginKeys(Map.of(), false, List.of(), List.of());

    private final JsonNode schema = ConfigSchema.of(Map.of("queue", DECLARED, "legacy", UNDECLARED));

    @Test
    void sourcesPickTheirPluginsKeysByType() {
        JsonNode type = schema.at("/definitions/source/properties/type/enum");
        assertThat(type).extracting(JsonNode::asText).containsExactly("legacy", "queue");
        JsonNode branch = schema.at("/definitions/source/allOf/1");
        assertThat(branch.at("/if/properties/type/const").asText()).isEqualTo("queue");
        assertThat(branch.at("/then/$ref").asText()).isEqualTo("#/definitions/source.queue");
        JsonNode queue = schema.at("/definitions/source.queue");
        assertThat(queue.at("/additionalProperties").asBoolean(true)).isFalse();
        assertThat(queue.at("/required").toString()).isEqualTo("[\"type\",\"url\"]");
        assertThat(queue.at("/properties/refreshInterval/default").asText()).isEqualTo("5s");
    }

    @Test
    void bindingsCarryTheHostKeysThePluginsKeysAndItsAliasesOfTarget() {
        JsonNode queueDefinition = schema.at("/definitions/binding.queue");
        assertThat(queueDefinition.at("/properties").fieldNames()).toIterable()
                .contains("source", "target", "depthThreshold", "activation", "window", "mode");
        assertThat(queueDefinition.at("/properties/mode/enum").toString()).isEqualTo("[\"length\",\"rate\"]");
        assertThat(queueDefinition.at("/allOf/0/anyOf").toString())
                .isEqualTo("[{\"required\":[\"target\"]},{\"required\":[\"depthThreshold\"]}]");
        assertThat(queueDefinition.at("/properties/timeout/pattern").asText()).endsWith("|^\\s*[0-9]+\\s*$");
        assertThat(schema.at("/definitions/measured/anyOf").toString()).contains("#/definitions/binding.queue");
    }

    @Test
    void aPluginThatDeclaresNothingIsLeftOpen() {
        assertThat(schema.at("/definitions/source.legacy/additionalProperties").isMissingNode()).isTrue();
        assertThat(schema.at("/definitions/binding.legacy/additionalProperties").isMissingNode()).isTrue();
    }

    @Test
    void theHostsSectionsAreClosedWithTheirDefaults() {
        assertThat(schema.at("/additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.at("/properties/server/additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.at("/properties/server/properties/grpc/properties/port/default").asInt()).isEqualTo(9090);
        assertThat(schema.at("/properties/serviceTypes/propertyNames/pattern").asText()).startsWith("^[a-z0-9]");
    }
}
