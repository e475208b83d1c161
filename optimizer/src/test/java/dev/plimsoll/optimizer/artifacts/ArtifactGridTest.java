package dev.plimsoll.optimizer.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.Planner;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import dev.plimsoll.perfmodel.specs.WeightInventory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, finding 4: for plans across models, GPUs (NVIDIA and AMD) and engines, every
 * generated launch script and manifest names the plan's engine, the GPU vendor's resource and
 * image, and a memory plan that fits: the checkpoint it loads stores what the plan runs (or it says
 * which checkpoint is missing instead of loading another), the weights split over the worker's
 * GPUs fit the share of memory the engine is launched with, and the manifests' GPUs are the plan's.
 * Analytic plans (no confirming simulation) keep the grid to a few seconds.
 */
class ArtifactGridTest {
    private static final Pattern MEMORY = Pattern.compile(
            "(\\w+): memory per GPU: weights ([0-9.]+) GB \\+ KV cache ([0-9.]+) GB \\+ activations ([0-9.]+) GB "
                    + "\\+ reserved ([0-9.]+) GB = ([0-9.]+) GB of ([0-9.]+) GB x ([0-9.]+)");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} on {1} with {2}, {3}, {4}")
    @CsvSource({
            "llama-3.1-8b, h100-sxm, vllm, -, agg",
            "llama-3.1-8b, l40s, sglang, -, agg",
            "llama-3.1-8b, a100-sxm-80gb, trtllm, -, agg",
            "llama-3.1-8b, mi355x, sglang, -, agg",
            "llama-3.1-70b, h100-sxm, vllm, fp8, both",
            "llama-3.1-70b, h100-sxm, vllm, nvfp4, agg",
            "llama-3.1-70b, h200-sxm, trtllm, -, disagg",
            "llama-3.1-70b, mi300x, vllm, -, both",
            "llama-3.1-70b, mi325x, sglang, fp8, agg",
            "llama-3.1-70b, gb200, trtllm, -, disagg",
            "llama-3.1-405b, h100-sxm, vllm, fp8, agg",
            "qwen3-32b, h200-sxm, sglang, fp8, disagg",
            "qwen3-32b, b200-sxm, trtllm, nvfp4, agg",
            "qwen3-30b-a3b, h100-sxm, vllm, -, agg",
            "qwen3-235b-a22b, h200-sxm, vllm, fp8, agg",
            "mixtral-8x7b, h100-sxm, sglang, -, agg",
            "gpt-oss-120b, h100-sxm, vllm, -, agg",
            "gpt-oss-20b, l40s, vllm, -, agg",
            "deepseek-v3, h200-sxm, sglang, -, agg",
            "llama-4-scout, h100-sxm, trtllm, -, agg",
            "deepseek-r1, b200-sxm, trtllm, -, agg"})
    void everyLaunchNamesAnEngineGpuResourceImageAndMemoryThatFit(String model, String gpu, String engine,
                                                                   String quant, String mode) throws Exception {
        ModelSpec m = Plans.REGISTRY.model(model);
        GpuSpec g = Plans.REGISTRY.gpu(gpu);
        QuantScheme q = quant.equals("-") ? m.defaultQuant() : QuantPresets.get(quant);
        PlanRequest request = new PlanRequest(m, List.of(g), List.of(q), List.of(BackendProfiles.get(engine)),
                WorkloadSpec.fixed(2000, 300, 0), new LoadTarget.Rate(4), new SlaTarget(5000, 200,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 90), Mode.of(mode),
                SearchSpace.defaults().withSimulate(false).withTopN(0).withMaxFrontierPoints(2),
                CostModelProvider.roofline(), 0.9);
        PlanResult result = new Planner().plan(request);
        ArtifactOptions options = ArtifactOptions.of(m, null);
        int winners = 0;
        for (Proposal p : new Proposal[] {result.bestAggregated(), result.bestDisaggregated()}) {
            if (p == null) {
                continue;
            }
            winners++;
            Path d = dir.resolve(p.architecture().key());
            ArtifactWriter.writeDeployment(p, d, p.architecture().key(), options);
            checkScript(p, options, Files.readString(d.resolve("launch-" + p.architecture().key() + "-" + engine
                    + ".sh")));
            checkKubernetes(p, engine, Files.readString(d.resolve("k8s-" + p.architecture().key() + ".yaml")));
            Path graph = d.resolve("dynamo-" + p.architecture().key() + ".yaml");
            if (EngineImages.amd(g)) {
                assertFalse(Files.exists(graph), "no Dynamo graph for AMD GPUs");
            } else {
                checkDynamo(p, engine, Files.readString(graph));
            }
            try (var files = Files.list(d)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".sh")).toList()) {
                    TrtllmAndVendorArtifactsTest.assertEveryNamedFileExists(Files.readString(f), d);
                }
            }
        }
        assertTrue(winners > 0, "the grid's SLA is loose enough for every row to have a winner");
    }

    /** The engine's command, the vendor's image and resource, a memory plan that fits, the right checkpoint. */
    private static void checkScript(Proposal p, ArtifactOptions o, String script) {
        String engine = LaunchCommands.engine(p);
        String command = engine.equals("vllm") ? "vllm serve \"$MODEL\""
                : engine.equals("sglang") ? "python3 -m sglang.launch_server --model-path \"$MODEL\""
                : "trtllm-serve \"$MODEL\"";
        assertEquals(p.pools().size(), count(script, command), script);
        for (PoolPlan pool : p.pools()) {
            GpuSpec g = pool.engine().candidate().gpu();
            assertTrue(script.contains(pool.role() + ": image " + EngineImages.server(engine, g) + ", "
                    + pool.gpusPerWorker() + " x " + g.id() + " per worker (" + EngineImages.gpuResource(g) + ")"),
                    script);
            Matcher mem = memory(script, pool.role());
            double used = Double.parseDouble(mem.group(6));
            double capacity = Double.parseDouble(mem.group(7));
            double fraction = Double.parseDouble(mem.group(8));
            assertEquals(g.memoryBytes() / 1e9, capacity, 0.01, "the GPU the script names");
            assertTrue(used <= capacity * fraction + 0.01, "fits the share of memory launched with: " + mem.group());
            assertTrue(script.contains(String.format(java.util.Locale.ROOT, "%.2f", fraction)),
                    "the engine is launched with the share the plan sized for");
            assertWeightsFit(pool, o);
        }
        PoolPlan first = p.pools().get(0);
        if (o.loads(first)) {
            assertTrue(script.contains("MODEL=\"${MODEL:-" + o.model() + "}\""), script);
        } else {
            assertTrue(script.contains("MODEL=\"${MODEL:?set MODEL to a checkpoint stored in "
                    + first.engine().candidate().quant().name()), "names the checkpoint it needs:\n" + script);
        }
    }

    /**
     * The weights the worker loads, counted apart from the plan's memory model: every parameter in
     * the narrowest format of the scheme, split evenly over the worker's GPUs, must fit the share of
     * memory the engine is launched with; and the checkpoint loaded stores (or quantises to) the
     * scheme the plan sized.
     */
    private static void assertWeightsFit(PoolPlan pool, ArtifactOptions o) {
        QuantScheme run = pool.engine().candidate().quant();
        if (o.loads(pool)) {
            assertTrue(ArtifactOptions.sameWeights(run, o.checkpointQuant())
                    || ArtifactOptions.onlineFp8(run, o.checkpointQuant()), "the checkpoint holds what runs");
        }
        ModelSpec m = pool.engine().replica().spec().model();
        double bits = Math.min(run.linearWeights().bitsPerElement(), run.expertWeights().bitsPerElement());
        double perGpu = WeightInventory.totalParams(m) * bits / 8 / pool.gpusPerWorker();
        GpuSpec g = pool.engine().candidate().gpu();
        double usable = g.memoryBytes() * LaunchCommands.memoryFraction(pool);
        assertTrue(perGpu <= usable, String.format("%.1f GB of weights per GPU on %.1f GB usable", perGpu / 1e9,
                usable / 1e9));
        MemoryBreakdown mb = pool.engine().replica().memory();
        assertTrue(mb.totalBytes() <= usable * 1.0001, "the plan's memory fits");
        assertTrue(mb.weightsBytes() >= perGpu * 0.9, "the plan sizes at least the weights it loads");
    }

    private static void checkKubernetes(Proposal p, String engine, String yaml) throws Exception {
        int gpus = 0;
        for (JsonNode d : ManifestSchemaTest.documents(yaml)) {
            switch (d.get("kind").asText()) {
                case "Deployment": {
                    JsonNode c = d.at("/spec/template/spec/containers/0");
                    gpus += d.at("/spec/replicas").asInt() * gpuLimit(p, c);
                    break;
                }
                case "LeaderWorkerSet": {
                    JsonNode c = d.at("/spec/leaderWorkerTemplate/leaderTemplate/spec/containers/0");
                    gpus += d.at("/spec/replicas").asInt() * d.at("/spec/leaderWorkerTemplate/size").asInt()
                            * gpuLimit(p, c);
                    break;
                }
                default:
                    break;
            }
        }
        int skipped = 0;
        for (PoolPlan pool : p.pools()) {
            if (engine.equals("trtllm") && LaunchCommands.nodes(pool) > 1) {
                skipped += pool.gpus();
                assertTrue(yaml.contains("deploy them with the Dynamo graph"), yaml);
            }
        }
        assertEquals(p.gpus() - skipped, gpus, "the manifests' GPUs are the plan's");
    }

    /** A container's image is its engine's for the GPU's vendor and its GPUs are the vendor's resource. */
    private static int gpuLimit(Proposal p, JsonNode c) {
        GpuSpec g = p.pools().get(0).engine().candidate().gpu();
        assertEquals(EngineImages.server(LaunchCommands.engine(p), g), c.get("image").asText());
        JsonNode limit = c.at("/resources/limits").get(EngineImages.gpuResource(g));
        assertNotNull(limit, "GPU resource " + EngineImages.gpuResource(g) + " in " + c);
        return limit.asInt();
    }

    private static void checkDynamo(Proposal p, String engine, String yaml) throws Exception {
        List<JsonNode> docs = ManifestSchemaTest.documents(yaml);
        JsonNode dgd = docs.get(docs.size() - 1);
        assertEquals("DynamoGraphDeployment", dgd.get("kind").asText());
        int gpus = 0;
        List<String> images = new ArrayList<>();
        for (var it = dgd.at("/spec/services").fields(); it.hasNext(); ) {
            JsonNode s = it.next().getValue();
            images.add(s.at("/extraPodSpec/mainContainer/image").asText());
            if (s.get("componentType").asText().equals("worker")) {
                gpus += s.get("replicas").asInt() * s.at("/resources/limits/gpu").asInt()
                        * s.at("/multinode/nodeCount").asInt(1);
            }
        }
        assertTrue(images.stream().allMatch(EngineImages.dynamo(engine)::equals), images.toString());
        assertEquals(p.gpus(), gpus);
        assertEquals(engine.equals("trtllm"), docs.size() > 1, "only TensorRT-LLM workers read a ConfigMap");
    }

    private static Matcher memory(String script, String role) {
        Matcher m = MEMORY.matcher(script);
        while (m.find()) {
            if (m.group(1).equals(role)) {
                return m;
            }
        }
        throw new AssertionError("no memory plan for the " + role + " pool in\n" + script);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
