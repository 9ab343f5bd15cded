package dev.scalerhost.it.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The part of {@code config/market-data-pipeline.yaml} the sidecar manifests carry: the sidecar
 * ({@code -local}) serviceTypes and the sources they read, in the example's order.
 */
final class SidecarPart {

    static final String SUFFIX = "-local";

    private SidecarPart() {
    }

    static ObjectNode serviceTypes(JsonNode example) {
        ObjectNode part = JsonNodeFactory.instance.objectNode();
        example.get("serviceTypes").fields().forEachRemaining(entry -> {
            if (entry.getKey().endsWith(SUFFIX)) {
                part.set(entry.getKey(), entry.getValue());
            }
        });
        return part;
    }

    static ObjectNode sources(JsonNode example) {
        Set<String> used = new LinkedHashSet<>();
        serviceTypes(example).forEach(binding -> {
            if (binding.has("source")) {
                used.add(binding.get("source").asText());
            }
        });
        ObjectNode part = JsonNodeFactory.instance.objectNode();
        example.get("sources").fields().forEachRemaining(entry -> {
            if (used.contains(entry.getKey())) {
                part.set(entry.getKey(), entry.getValue());
            }
        });
        return part;
    }
}
