package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasuredValidationTest {
    private static MeasuredValidation validation() {
        ModelResolver models = new ModelResolver(TestSpecs.REGISTRY, TestSpecs.sharedData().resolve("hf-configs"));
        DeploymentPlanner planner = new DeploymentPlanner(TestSpecs.REGISTRY, models,
                new Replicas(CostModelProvider.roofline()));
        return new MeasuredValidation(planner, 2);
    }

    @Test
    void bundledIdsAreFoundFromRepositoryNames() {
        assertEquals("llama-3.1-8b", ModelResolver.bundledId("meta-llama/Llama-3.1-8B-Instruct"));
        assertEquals("llama-3.1-70b", ModelResolver.bundledId("meta-llama/Meta-Llama-3.1-70B"));
        assertEquals("qwen3-235b-a22b", ModelResolver.bundledId("Qwen/Qwen3-235B-A22B-FP8"));
        assertEquals("llama-3.1-8b", ModelResolver.bundledId("nvidia/Llama-3.1-8B-Instruct-FP8"),
                "the quantisation suffix comes off before -Instruct");
        assertEquals("nvfp4", ModelResolver.nameQuant("nvidia/Llama-3.1-8B-Instruct-NVFP4").orElseThrow());
        assertTrue(ModelResolver.nameQuant("meta-llama/Llama-3.1-8B-Instruct").isEmpty());
    }

    @Test
    void aReQuantisedCheckpointIsItsBaseArchitectureStoredInItsOwnFormat() {
        ModelResolver withConfigs = new ModelResolver(TestSpecs.REGISTRY, TestSpecs.sharedData().resolve("hf-configs"));
        ModelSpec qwen = withConfigs.resolve("Qwen/Qwen3-235B-A22B-FP8").orElseThrow();
        assertEquals("qwen3-235b-a22b", qwen.id(), "the bundled architecture");
        assertEquals(NumberFormat.FP8, qwen.defaultQuant().expertWeights());
        assertTrue(qwen.defaultQuant().blockScaled(), "its config.json says weight_block_size [128, 128]");
        assertEquals(NumberFormat.BF16, withConfigs.resolve("Qwen/Qwen3-32B").orElseThrow().defaultQuant().linearWeights());

        ModelResolver byName = new ModelResolver(TestSpecs.REGISTRY, null);
        ModelSpec nameOnly = byName.resolve("Qwen/Qwen3-235B-A22B-FP8").orElseThrow();
        assertEquals(NumberFormat.FP8, nameOnly.defaultQuant().expertWeights());
        assertFalse(nameOnly.defaultQuant().blockScaled(), "without its config only the name's FP8 is known");
        ModelSpec nvidia = withConfigs.resolve("nvidia/Llama-3.1-8B-Instruct-FP8").orElseThrow();
        assertEquals("llama-3.1-8b", nvidia.id());
        assertEquals(NumberFormat.FP8, nvidia.defaultQuant().linearWeights());
    }

    @Test
    void theCheckpointFormatDecidesTheLabelledSchemeAndEachEngineItsOwnKvCache() {
        ModelResolver models = new ModelResolver(TestSpecs.REGISTRY, TestSpecs.sharedData().resolve("hf-configs"));
        ModelSpec qwen = models.resolve("Qwen/Qwen3-235B-A22B-FP8").orElseThrow();
        QuantScheme vllm = QuantMapping.scheme(qwen, "fp8", "fp8", SchedulerProfile.VLLM);
        assertTrue(vllm.blockScaled(), "an fp8 label on a block-scaled checkpoint runs its block scales");
        assertEquals(NumberFormat.BF16, vllm.kvCache(), "vLLM's kv-cache-dtype auto is the activation dtype");
        ModelSpec llama = models.resolve("meta-llama/Llama-3.1-8B-Instruct").orElseThrow();
        assertEquals(NumberFormat.FP8, QuantMapping.scheme(llama, "fp8", "fp8", SchedulerProfile.TRTLLM).kvCache(),
                "a per-tensor FP8 export of a BF16 model is ModelOpt's, whose KV cache TensorRT-LLM keeps in FP8");
        assertEquals(NumberFormat.BF16, QuantMapping.scheme(llama, "fp8", "fp8", SchedulerProfile.SGLANG).kvCache());
        assertEquals(NumberFormat.FP8, QuantMapping.scheme(llama, "nvfp4", "nvfp4", SchedulerProfile.TRTLLM).kvCache(),
                "ModelOpt's NVFP4 exports carry an FP8 KV cache too");
        ModelSpec gptOss = models.resolve("openai/gpt-oss-120b").orElseThrow();
        assertEquals(NumberFormat.BF16, QuantMapping.scheme(gptOss, "nvfp4", "nvfp4", SchedulerProfile.TRTLLM).kvCache(),
                "an fp4 label on gpt-oss names its own MXFP4 checkpoint, no export");
    }

    @Test
    void predictsASliceOfTheMeasuredDeploymentsWithReasonsForTheRest() {
        List<MeasuredDeployment> all = AicSiliconReader.read(TestSpecs.sharedData().resolve("e2e/h100_sxm.csv")).rows();
        // one of every (model, backend, mode) group, plus the rows without a recorded concurrency
        List<MeasuredDeployment> slice = all.stream()
                .collect(Collectors.groupingBy(d -> d.modelPath() + d.backend() + d.mode() + (d.concurrency() == 0)))
                .values().stream().map(g -> g.get(0)).collect(Collectors.toList());
        ValidationReport r = validation().run(slice, done -> { });
        assertEquals(slice.size(), r.rows());
        assertEquals(r.rows(), r.predictions().size() + r.uncovered().size());
        assertEquals(r.rows(), r.headline().rows() + r.underspecified().rows());
        assertTrue(r.uncovered().stream().allMatch(ValidationReport.Uncovered::underspecified),
                "only the rows without a concurrency are left out, and they are underspecified");
        assertTrue(r.uncovered().stream().allMatch(u -> u.reason().contains("no concurrency")), r.uncovered().toString());
        for (RowPrediction p : r.predictions()) {
            assertTrue(p.predictedTtftMs() > 0 && p.predictedTpotMs() > 0, p.toString());
            // no row is off by an order of magnitude in TPOT: the simulation is the right deployment
            assertTrue(Math.abs(Math.log10(p.predictedTpotMs() / p.row().tpotMs())) < 1, p.toString());
        }
        List<RowPrediction> full = r.predictions().stream().filter(p -> !p.row().underspecified())
                .collect(Collectors.toList());
        assertTrue(full.size() < r.predictions().size(), "the slice holds underspecified disaggregated rows");
        assertEquals(ErrorSummary.of(full).tpotMedianApe(), r.overall().tpotMedianApe(),
                "the headline covers the fully specified rows only");
        assertEquals(full.size(), r.covered());
    }

    @Test
    void quantilesInterpolateLikeNumpy() {
        assertEquals(2.5, ErrorSummary.quantile(new double[] {4, 1, 3, 2}, 0.5));
        assertEquals(3.7, ErrorSummary.quantile(new double[] {1, 2, 3, 4}, 0.9), 1e-12);
        assertTrue(Double.isNaN(ErrorSummary.quantile(new double[0], 0.5)));
    }
}
