package dev.scalerhost.it.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scalerhost.it.harness.SourceTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One kustomization directory of {@code distribution/kubernetes}, parsed: its resources (every YAML
 * document of every file it lists) and its generated ConfigMap's file.
 */
final class Kustomization {

    static final ObjectMapper YAML = new YAMLMapper();

    private final Path directory;
    private final JsonNode kustomization;
    private final List<JsonNode> resources = new ArrayList<>();

    private Kustomization(Path directory) {
        this.directory = directory;
        this.kustomization = read(directory.resolve("kustomization.yaml")).get(0);
        for (JsonNode resource : kustomization.path("resources")) {
            resources.addAll(read(directory.resolve(resource.asText())));
        }
    }

    /** The kustomization under {@code distribution/kubernetes/<name>} of this source tree. */
    static Kustomization named(String name) {
        return new Kustomization(sourceRoot().resolve("distribution").resolve("kubernetes").resolve(name));
    }

    static Path sourceRoot() {
        return SourceTree.root();
    }

    /** Every non-empty YAML document of {@code file}. */
    static List<JsonNode> read(Path file) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(document -> {
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    Path directory() {
        return directory;
    }

    JsonNode kustomization() {
        return kustomization;
    }

    List<JsonNode> resources() {
        return resources;
    }

    List<JsonNode> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
    }

    String namespace() {
        return kustomization.path("namespace").asText();
    }

    /** The generated ConfigMap: its name and the one file it is made of. */
    String configMapName() {
        return kustomization.path("configMapGenerator").get(0).path("name").asText();
    }

    Path configMapFile() {
        return directory.resolve(kustomization.path("configMapGenerator").get(0).path("files").get(0).asText());
    }

    /** The ConfigMap's configuration file, parsed. */
    ObjectNode config() {
        return (ObjectNode) read(configMapFile()).get(0);
    }

    /** The only Deployment. */
    JsonNode deployment() {
        List<JsonNode> deployments = ofKind("Deployment");
        if (deployments.size() != 1) {
            throw new AssertionError(directory + ": expected one Deployment, found " + deployments.size());
        }
        return deployments.get(0);
    }

    /** The Deployment's container that runs scalerhost (its args name --config). */
    JsonNode scalerContainer() {
        for (JsonNode container : deployment().path("spec").path("template").path("spec").path("containers")) {
            if (container.path("image").asText().startsWith("scalerhost")) {
                return container;
            }
        }
        throw new AssertionError(directory + ": no container runs a scalerhost image");
    }
}
