package dev.scalerhost.it.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/** A YAML configuration checked against the JSON Schema, its errors as the host's dotted paths. */
final class SchemaValidator {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonSchema schema;

    SchemaValidator(String schemaJson) throws IOException {
        JsonNode node = new ObjectMapper().readTree(schemaJson);
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
    }

    /** Every error as {@code path: message}. */
    Set<String> errors(String yaml) throws IOException {
        Set<String> errors = new TreeSet<>();
        for (ValidationMessage message : schema.validate(YAML.readTree(yaml))) {
            errors.add(path(message) + ": " + message.getMessage());
        }
        return errors;
    }

    /** The paths of the errors, named as the host names them ({@code serviceTypes.x.topic}). */
    Set<String> paths(String yaml) throws IOException {
        Set<String> paths = new TreeSet<>();
        for (ValidationMessage message : schema.validate(YAML.readTree(yaml))) {
            paths.add(path(message));
        }
        return paths;
    }

    private static String path(ValidationMessage message) {
        StringBuilder path = new StringBuilder();
        JsonNodePath location = message.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(element);
            }
        }
        // An unknown key and a missing one are errors of the map that holds them; the host names the key.
        if (("additionalProperties".equals(message.getType()) || "required".equals(message.getType()))
                && message.getProperty() != null) {
            path.append(path.length() == 0 ? "" : ".").append(message.getProperty());
        }
        return path.toString();
    }
}
