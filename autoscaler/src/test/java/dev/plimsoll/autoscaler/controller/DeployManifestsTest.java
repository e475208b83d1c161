package dev.plimsoll.autoscaler.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.plimsoll.autoscaler.crd.ServingAutoscaler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every YAML under deploy/ parses; the CRD there is the one generated from the Java classes. */
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<JsonNode> documents(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                out.add((JsonNode) it.next());
            }
        }
        return out;
    }

    private static List<Path> yamlFiles() throws Exception {
        try (Stream<Path> s = Files.walk(DEPLOY)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void everyManifestParsesAndNamesAKind() throws Exception {
        List<Path> files = yamlFiles();
        assertTrue(files.size() >= 7, "deploy/ has the base and the example: " + files);
        for (Path f : files) {
            for (JsonNode doc : documents(f)) {
                assertTrue(doc.hasNonNull("apiVersion") && doc.hasNonNull("kind"), f + ": " + doc);
            }
        }
    }

    @Test
    void theCrdMatchesTheJavaClassAndTheGeneratedFile() throws Exception {
        Path crd = DEPLOY.resolve("base").resolve("servingautoscalers.plimsoll.dev-v1.yml");
        JsonNode doc = documents(crd).get(0);
        assertEquals("CustomResourceDefinition", doc.path("kind").asText());
        assertEquals(HasMetadata.getGroup(ServingAutoscaler.class), doc.path("spec").path("group").asText());
        assertEquals(HasMetadata.getKind(ServingAutoscaler.class), doc.path("spec").path("names").path("kind").asText());
        assertEquals(HasMetadata.getPlural(ServingAutoscaler.class),
                doc.path("spec").path("names").path("plural").asText());
        assertEquals(HasMetadata.getVersion(ServingAutoscaler.class),
                doc.path("spec").path("versions").get(0).path("name").asText());
        assertEquals("Namespaced", doc.path("spec").path("scope").asText());
        JsonNode generated = documents(Path.of("target", "classes", "META-INF", "fabric8",
                "servingautoscalers.plimsoll.dev-v1.yml")).get(0);
        assertEquals(generated, doc, "deploy/base's CRD is stale: copy the crd-generator output again");
    }

    @Test
    void kustomizationListsFilesThatExistAndRbacHasNoWildcards() throws Exception {
        Path base = DEPLOY.resolve("base");
        JsonNode k = documents(base.resolve("kustomization.yaml")).get(0);
        for (JsonNode r : k.path("resources")) {
            assertTrue(Files.isRegularFile(base.resolve(r.asText())), "kustomization names " + r.asText());
        }
        for (JsonNode doc : documents(base.resolve("rbac.yaml"))) {
            for (JsonNode rule : doc.path("rules")) {
                String text = JsonMapper.builder().build().writeValueAsString(rule);
                assertFalse(text.contains("\"*\""), "no wildcard in " + text);
                assertFalse(text.contains("delete"), "the controller deletes nothing: " + text);
            }
        }
    }

    @Test
    void theExampleIsAValidResource() {
        ServingAutoscaler r = ConfigFile.read(DEPLOY.resolve("examples").resolve("serving-autoscaler.yaml"));
        assertEquals("llama-8b", r.getMetadata().getName());
        assertEquals("Deployment", r.getSpec().pools.get(0).targetKind);
        assertEquals(1000, r.getSpec().sla.ttftMs, 1e-9);
    }
}
