package dev.plimsoll.optimizer.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, finding 3: a TensorRT-LLM winner gets a trtllm-serve script with its LLM API options
 * file, a Dynamo graph of TensorRT-LLM workers and Kubernetes manifests; no script points at a
 * file that was not written. Finding 4: AMD GPUs get their device-plugin resource and ROCm images.
 */
class TrtllmAndVendorArtifactsTest {
    private static final ArtifactOptions OPTIONS = new ArtifactOptions("org/model", "model",
            QuantPresets.get("bf16"), false, false, "org/draft");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_.-]+\\.(yaml|yml|sh)");

    @Test
    void aTensorRtLlmWinnerGetsEveryArtifactInItsOwnEngine(@TempDir Path dir) throws Exception {
        for (Proposal p : List.of(ArtifactFixtures.aggregatedTrtllm(), ArtifactFixtures.disaggregatedTrtllm())) {
            String name = p.architecture().key();
            List<Path> written = ArtifactWriter.writeDeployment(p, dir, name, OPTIONS);
            String script = Files.readString(dir.resolve("launch-" + name + "-trtllm.sh"));
            assertTrue(script.contains("trtllm-serve \"$MODEL\""), script);
            assertFalse(Files.exists(dir.resolve("launch-" + name + "-vllm.sh")), "one engine: the plan's");
            List<String> args = tokens(script);
            EngineFlagsTest.assertKnown(args, ArtifactFixtures.flags("trtllm"), "trtllm-serve");
            for (PoolPlan pool : p.pools()) {
                Path options = dir.resolve(TrtllmLaunch.configFile(name, pool));
                assertTrue(written.contains(options), options + " written");
                JsonNode o = ManifestSchemaTest.documents(Files.readString(options)).get(0);
                Set<String> known = ArtifactFixtures.flags("trtllm-options");
                for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    assertTrue(known.contains(key), key + " is not a TensorRT-LLM option");
                }
                int stage = pool.engine().candidate().parallelism().tp() * pool.engine().candidate().parallelism().dp();
                assertEquals(stage, o.get("tensor_parallel_size").asInt());
                assertEquals(pool.engineConfig().maxRunningRequests(), o.get("max_batch_size").asInt());
                assertEquals(pool.engineConfig().maxBatchedTokens(), o.get("max_num_tokens").asInt());
                assertEquals(pool.engine().candidate().quant().kvCache().key().equals("fp8") ? "fp8" : "auto",
                        o.at("/kv_cache_config/dtype").asText());
                double f = o.at("/kv_cache_config/free_gpu_memory_fraction").asDouble();
                assertTrue(f > 0 && f <= 0.95, "a share of the free memory: " + f);
                assertEquals(p.architecture() == Architecture.DISAGGREGATED, o.has("cache_transceiver_config"));
            }
            assertEveryNamedFileExists(script, dir);

            List<JsonNode> graph = ManifestSchemaTest.documents(Files.readString(dir.resolve("dynamo-" + name
                    + ".yaml")));
            assertEquals("ConfigMap", graph.get(0).get("kind").asText());
            JsonNode dgd = graph.get(1);
            assertEquals("DynamoGraphDeployment", dgd.get("kind").asText());
            Set<String> dynamo = ArtifactFixtures.flags("dynamo");
            int workers = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = dgd.at("/spec/services").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().path("componentType").asText().equals("worker")) {
                    continue;
                }
                workers++;
                assertTrue(e.getKey().startsWith("TRTLLM"), e.getKey());
                JsonNode c = e.getValue().at("/extraPodSpec/mainContainer");
                assertEquals(EngineImages.DYNAMO_TRTLLM, c.get("image").asText());
                List<String> a = new ArrayList<>();
                c.get("args").forEach(x -> a.add(x.asText()));
                EngineFlagsTest.assertKnown(a, dynamo, "dynamo.trtllm");
                String file = a.get(a.indexOf("--extra-engine-args") + 1);
                String key = file.substring(file.lastIndexOf('/') + 1);
                assertTrue(graph.get(0).at("/data").has(key), "the ConfigMap holds " + key);
            }
            assertEquals(p.pools().size(), workers);

            String k8s = Files.readString(dir.resolve("k8s-" + name + ".yaml"));
            assertTrue(k8s.contains("trtllm-serve") && k8s.contains(EngineImages.TRTLLM), k8s);
            assertTrue(k8s.contains("nvidia.com/gpu"), k8s);
        }
    }

    @Test
    void noVllmOrSglangScriptPointsAtAFileThatWasNotWritten(@TempDir Path dir) throws Exception {
        List<Proposal> all = new ArrayList<>(ArtifactFixtures.all());
        all.add(ArtifactFixtures.disaggregatedSglang());
        all.add(ArtifactFixtures.aggregatedAmd());
        int n = 0;
        for (Proposal p : all) {
            Path d = dir.resolve("p" + n++);
            ArtifactWriter.writeDeployment(p, d, p.architecture().key(), OPTIONS);
            try (var files = Files.list(d)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".sh")).toList()) {
                    assertEveryNamedFileExists(Files.readString(f), d);
                }
            }
        }
    }

    @Test
    void amdGpusGetTheirResourceAndRocmImagesAndNoDynamoGraph(@TempDir Path dir) throws Exception {
        Proposal p = ArtifactFixtures.aggregatedAmd();
        assertNull(DynamoGraph.yaml(p, OPTIONS), "Dynamo's runtime images are built for NVIDIA GPUs");
        List<Path> written = ArtifactWriter.writeDeployment(p, dir, "agg", OPTIONS);
        assertFalse(written.contains(dir.resolve("dynamo-agg.yaml")));
        String k8s = Files.readString(dir.resolve("k8s-agg.yaml"));
        assertFalse(k8s.contains("nvidia.com/gpu"), k8s);
        JsonNode d = ManifestSchemaTest.documents(k8s).get(0);
        JsonNode c = d.at("/spec/template/spec/containers/0");
        assertEquals(EngineImages.VLLM_ROCM, c.get("image").asText());
        assertEquals(2, c.at("/resources/limits/amd.com~1gpu").asInt());
        assertTrue(Files.readString(dir.resolve("launch-agg-vllm.sh")).contains("image " + EngineImages.VLLM_ROCM));
    }

    /**
     * SGLang's ROCm images are built per Instinct generation and ROCm release: an MI300X or MI325X
     * (CDNA 3) pod runs the {@code mi30x} build, an MI355X (CDNA 4) the {@code mi35x} one, both on
     * ROCm 7.0 (the former {@code v0.4.5-rocm630} tag predates both ROCm 7 and the MI355X).
     */
    @Test
    void sglangOnAmdRunsTheRocmBuildOfItsInstinctGeneration() {
        for (String id : new String[] {"mi300x", "mi325x"}) {
            String image = EngineImages.server("sglang", dev.plimsoll.optimizer.Plans.REGISTRY.gpu(id));
            assertTrue(image.startsWith("lmsysorg/sglang:v0.5") && image.endsWith("-rocm700-mi30x"), id + ": " + image);
        }
        String mi355 = EngineImages.server("sglang", dev.plimsoll.optimizer.Plans.REGISTRY.gpu("mi355x"));
        assertTrue(mi355.startsWith("lmsysorg/sglang:v0.5") && mi355.endsWith("-rocm700-mi35x"), mi355);
        assertEquals(EngineImages.SGLANG, EngineImages.server("sglang",
                dev.plimsoll.optimizer.Plans.REGISTRY.gpu("h100-sxm")), "NVIDIA GPUs keep the CUDA image");
    }

    /** Every file name a script mentions (a YAML it passes, a graph it refers to) lies beside it. */
    static void assertEveryNamedFileExists(String script, Path dir) {
        Matcher m = FILE.matcher(script);
        while (m.find()) {
            String name = m.group();
            if (name.startsWith("launch-")) {
                continue;
            }
            assertTrue(Files.exists(dir.resolve(name)), "the script names " + name + ", which was not written:\n"
                    + script);
        }
    }

    private static List<String> tokens(String script) {
        List<String> out = new ArrayList<>();
        for (String line : script.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            for (String t : line.trim().split("\\s+")) {
                out.add(t);
            }
        }
        return out;
    }
}
