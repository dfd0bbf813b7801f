package io.camelitwin.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/** What {@code kubectl kustomize} renders for one kustomization, as parsed objects. */
final class RenderedManifests {

    private final String kustomization;
    private final List<JsonNode> objects;

    private RenderedManifests(String kustomization, List<JsonNode> objects) {
        this.kustomization = kustomization;
        this.objects = objects;
    }

    static RenderedManifests render(Path kubectl, Path kustomization) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", kustomization.toString())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + kustomization + " failed: " + errors);
        }
        try (MappingIterator<JsonNode> documents =
                new YAMLMapper().readerFor(JsonNode.class).readValues(output)) {
            List<JsonNode> objects = new ArrayList<>();
            documents.forEachRemaining(object -> {
                if (!object.isEmpty()) {
                    objects.add(object);
                }
            });
            return new RenderedManifests(kustomization.toString(), objects);
        }
    }

    List<JsonNode> all() {
        return objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()))
                .toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream()
                .filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name)
                .orElseThrow(() -> new AssertionError(kustomization + " renders no " + kind + " named " + name));
    }

    /** A ConfigMap by the name it was generated under, whatever content hash Kustomize appended. */
    JsonNode generatedConfigMap(String name) {
        return ofKind("ConfigMap").stream()
                .filter(o -> o.path("metadata").path("name").asText().matches(name + "(-[a-z0-9]{10})?"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kustomization + " renders no ConfigMap " + name));
    }

    static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
