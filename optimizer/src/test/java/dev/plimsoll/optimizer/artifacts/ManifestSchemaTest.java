package dev.plimsoll.optimizer.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated YAML parses and carries the fields its schema requires: DynamoGraphDeployment
 * (nvidia.com/v1alpha1), apps/v1 Deployment, v1 Service, LeaderWorkerSet
 * (leaderworkerset.x-k8s.io/v1).
 */
class ManifestSchemaTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ArtifactOptions OPTIONS = new ArtifactOptions("Qwen/Qwen3-32B", "qwen3-32b",
            QuantPresets.get("bf16"), false, false, "org/draft");

    static List<JsonNode> documents(String yaml) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }

    static String text(JsonNode n, String path) {
        JsonNode v = n.at(path);
        assertTrue(v.isTextual() && !v.asText().isEmpty(), path + " must be a non-empty string in " + n);
        return v.asText();
    }

    @Test
    void dynamoGraphDeploymentsHaveTheirRequiredFields() throws Exception {
        Set<String> vllm = new HashSet<>(ArtifactFixtures.flags("vllm"));
        vllm.addAll(ArtifactFixtures.flags("dynamo"));
        for (Proposal p : ArtifactFixtures.all()) {
            List<JsonNode> docs = documents(DynamoGraph.yaml(p, OPTIONS));
            assertEquals(1, docs.size());
            JsonNode d = docs.get(0);
            assertEquals("nvidia.com/v1alpha1", text(d, "/apiVersion"));
            assertEquals("DynamoGraphDeployment", text(d, "/kind"));
            text(d, "/metadata/name");
            JsonNode services = d.at("/spec/services");
            assertEquals("frontend", text(services, "/Frontend/componentType"));
            int workerServices = 0;
            int gpus = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode s = e.getValue();
                assertTrue(s.at("/replicas").isInt() && s.at("/replicas").asInt() >= 1, e.getKey() + " replicas");
                text(s, "/extraPodSpec/mainContainer/image");
                if (!text(s, "/componentType").equals("worker")) {
                    continue;
                }
                workerServices++;
                int perPod = Integer.parseInt(text(s, "/resources/limits/gpu"));
                int nodes = s.at("/multinode/nodeCount").asInt(1);
                gpus += s.at("/replicas").asInt() * perPod * nodes;
                ArrayNode args = (ArrayNode) s.at("/extraPodSpec/mainContainer/args");
                List<String> list = new ArrayList<>();
                args.forEach(a -> list.add(a.asText()));
                EngineFlagsTest.assertKnown(list, vllm, "dynamo.vllm " + e.getKey());
                if (p.architecture() == Architecture.DISAGGREGATED) {
                    String sub = text(s, "/subComponentType");
                    assertTrue(sub.equals("prefill") || sub.equals("decode"));
                    assertEquals(sub.equals("prefill"), list.contains("--is-prefill-worker"));
                }
            }
            assertEquals(p.pools().size(), workerServices);
            assertEquals(p.gpus(), gpus, "the graph's GPUs are the plan's");
        }
    }

    @Test
    void sglangWorkersGetSglangArgumentsAndTheirDisaggregationMode() throws Exception {
        Set<String> sglang = ArtifactFixtures.flags("sglang");
        JsonNode d = documents(DynamoGraph.yaml(ArtifactFixtures.disaggregatedSglang(), OPTIONS)).get(0);
        for (String service : new String[] {"SglangPrefillWorker", "SglangDecodeWorker"}) {
            JsonNode s = d.at("/spec/services/" + service);
            assertEquals(EngineImages.DYNAMO_SGLANG, text(s, "/extraPodSpec/mainContainer/image"));
            List<String> args = new ArrayList<>();
            s.at("/extraPodSpec/mainContainer/args").forEach(a -> args.add(a.asText()));
            EngineFlagsTest.assertKnown(args, sglang, "dynamo.sglang " + service);
            String mode = args.get(args.indexOf("--disaggregation-mode") + 1);
            assertEquals(text(s, "/subComponentType"), mode);
        }
        assertEquals(2, d.at("/spec/services/SglangDecodeWorker/multinode/nodeCount").asInt());
    }

    @Test
    void kubernetesManifestsHaveTheirRequiredFields() throws Exception {
        for (Proposal p : ArtifactFixtures.all()) {
            int gpus = 0;
            for (JsonNode d : documents(KubernetesManifests.yaml(p, OPTIONS))) {
                String kind = text(d, "/kind");
                text(d, "/metadata/name");
                switch (kind) {
                    case "Deployment": {
                        assertEquals("apps/v1", text(d, "/apiVersion"));
                        assertEquals(d.at("/spec/selector/matchLabels"), d.at("/spec/template/metadata/labels"),
                                "the selector must match the pod labels");
                        JsonNode c = d.at("/spec/template/spec/containers/0");
                        text(c, "/name");
                        text(c, "/image");
                        gpus += d.at("/spec/replicas").asInt() * c.at("/resources/limits/nvidia.com~1gpu").asInt();
                        break;
                    }
                    case "LeaderWorkerSet": {
                        assertEquals("leaderworkerset.x-k8s.io/v1", text(d, "/apiVersion"));
                        int size = d.at("/spec/leaderWorkerTemplate/size").asInt();
                        assertTrue(size >= 2, "a leader-worker set spans several pods");
                        JsonNode leader = d.at("/spec/leaderWorkerTemplate/leaderTemplate/spec/containers/0");
                        JsonNode worker = d.at("/spec/leaderWorkerTemplate/workerTemplate/spec/containers/0");
                        text(leader, "/image");
                        text(worker, "/image");
                        gpus += d.at("/spec/replicas").asInt() * size
                                * leader.at("/resources/limits/nvidia.com~1gpu").asInt();
                        break;
                    }
                    case "Service":
                        assertEquals("v1", text(d, "/apiVersion"));
                        assertNotNull(d.at("/spec/ports/0/port"));
                        break;
                    default:
                        throw new AssertionError("unexpected kind " + kind);
                }
            }
            assertEquals(p.gpus(), gpus, p.describe());
        }
        boolean lws = KubernetesManifests.yaml(ArtifactFixtures.disaggregatedMultiNode(), OPTIONS)
                .contains("LeaderWorkerSet");
        assertTrue(lws, "a 16-GPU worker on 8-GPU servers needs a LeaderWorkerSet");
        assertTrue(ArtifactFixtures.disaggregatedMultiNode().pool(PoolPlan.DECODE).gpusPerWorker() == 16);
    }
}
