package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage of the GPUs without shared measurements (docs/validation.md, "Coverage of GPUs without
 * shared measurements"). The probe (bench/coverage-probe.py, committed under
 * src/test/resources/coverage-probe) has one synthetic row per search-space point of every
 * InferenceX B200, B300, GB200 and GB300 configuration; the shared H100 and H200 files are
 * relabelled as those GPUs here. Every row a measured deployment could be must be predicted: no
 * "does not fit", no unknown checkpoint, no exception. The whole probe takes minutes, so CI runs a
 * stratified subset: the row of the fewest clients per GPU, model repository, engine, mode, id style
 * and engine version, and per engine and pool layout (GPUs of each pool, attention DP or not) among
 * the rows with worker counts; and per relabelled GPU one row per shared group and layout. The
 * whole probe is the documented command.
 */
class BlackwellCoverageTest {
    private static final List<String> PROBE_GPUS = List.of("b200_sxm", "b300_sxm", "gb200", "gb300");

    private static MeasuredValidation validation() {
        return CalibratedValidation.onAllCores();
    }

    private static Path probe(String gpu) {
        return CalibratedValidation.resource("/coverage-probe/inferencex_" + gpu + ".csv");
    }

    /** Per key, the row of the fewest clients (the first in file order among equals). */
    private static List<MeasuredDeployment> fewestClients(List<MeasuredDeployment> rows,
                                                          Function<MeasuredDeployment, String> key) {
        Map<String, MeasuredDeployment> pick = new LinkedHashMap<>();
        for (MeasuredDeployment r : rows) {
            pick.merge(key.apply(r), r, (a, b) -> b.concurrency() < a.concurrency() ? b : a);
        }
        return pick.values().stream().sorted(Comparator.comparingInt(MeasuredDeployment::line))
                .collect(Collectors.toList());
    }

    private static String idStyle(MeasuredDeployment r) {
        return r.id().startsWith("2026_") ? "campaign" : "configuration";
    }

    private static String layoutKind(MeasuredDeployment r) {
        if (!r.disaggregated()) {
            return "agg dp" + (r.agg().dp() > 1);
        }
        return "disagg p" + r.prefill().gpus() + " d" + r.decode().gpus() + " ddp" + (r.decode().dp() > 1);
    }

    private static void assertAllPredicted(ValidationReport r, int rows) {
        assertEquals(rows, r.predictions().size(), "uncovered: " + r.uncovered());
        assertTrue(r.uncovered().isEmpty(), "uncovered: " + r.uncovered());
        assertEquals(1.0, r.coverage(), 1e-12);
        r.predictions().forEach(p -> assertTrue(p.predictedTtftMs() > 0 && p.predictedTpotMs() > 0, p.toString()));
    }

    @Test
    void everyInferenceXBlackwellConfigurationIsPredicted() {
        List<MeasuredDeployment> all = new ArrayList<>();
        for (String gpu : PROBE_GPUS) {
            MeasuredFile file = AicSiliconReader.read(probe(gpu));
            assertTrue(file.malformed().isEmpty(), gpu + ": " + file.malformed());
            all.addAll(file.rows());
        }
        // every checkpoint name, id style and engine version on every GPU ...
        List<MeasuredDeployment> subset = new ArrayList<>(fewestClients(all,
                r -> r.system() + " " + r.group() + " " + idStyle(r) + " " + r.backendVersion()));
        // ... and every pool layout of each engine with its worker counts
        fewestClients(all.stream().filter(r -> !r.underspecified()).collect(Collectors.toList()),
                r -> r.backend() + " " + layoutKind(r)).stream().filter(r -> !subset.contains(r)).forEach(subset::add);
        ValidationReport r = validation().run(subset, done -> { });
        assertAllPredicted(r, subset.size());
        // the subset spans the probe: every GPU, the rack-scale decode pools (attention DP x EP over 16
        // and 32 GPUs of one NVLink domain) and the vendor checkpoints by their own names
        for (String gpu : PROBE_GPUS) {
            assertTrue(subset.stream().anyMatch(x -> x.system().equals(gpu)), gpu);
        }
        assertTrue(subset.stream().anyMatch(x -> x.disaggregated() && x.decode().dp() >= 32 && x.decode().moeEp() >= 32));
        assertTrue(subset.stream().anyMatch(x -> x.modelPath().equals("nvidia/DeepSeek-R1-0528-NVFP4-v2")));
    }

    @Test
    void theSharedFilesRelabelledAsBlackwellGpusArePredicted() {
        List<MeasuredDeployment> shared = new ArrayList<>();
        for (String f : List.of("h100_sxm.csv", "h200_sxm.csv")) {
            AicSiliconReader.read(TestSpecs.sharedData().resolve("e2e/" + f)).rows().stream()
                    .filter(r -> r.concurrency() > 0).forEach(shared::add);
        }
        List<MeasuredDeployment> subset = new ArrayList<>();
        for (String gpu : List.of("b200_sxm", "gb200", "b300_sxm")) {
            for (MeasuredDeployment r : fewestClients(shared, x -> x.group() + " " + idStyle(x) + " " + layoutKind(x))) {
                subset.add(new MeasuredDeployment(r.id().replace(r.system(), gpu), r.line(), r.concurrency(), r.backend(),
                        r.backendVersion(), r.modelPath(), gpu, r.disaggregated(), r.isl(), r.osl(), r.gemmQuant(),
                        r.moeQuant(), r.agg(), r.prefill(), r.decode(), r.ttftMs(), r.tpotMs()));
            }
        }
        assertAllPredicted(validation().run(subset, done -> { }), subset.size());
    }

    @Test
    void vendorAndRevisionCheckpointsResolveToTheirBaseArchitecture() {
        ModelResolver models = new ModelResolver(TestSpecs.REGISTRY, TestSpecs.sharedData().resolve("hf-configs"));
        assertEquals("deepseek-r1", ModelResolver.bundledId("nvidia/DeepSeek-R1-0528-NVFP4-v2"));
        assertEquals("deepseek-r1", ModelResolver.bundledId("deepseek-ai/DeepSeek-R1-0528"));
        assertEquals("nvfp4", ModelResolver.nameQuant("nvidia/DeepSeek-R1-0528-FP4-V2").orElseThrow());
        ModelSpec r1Fp4 = models.resolve("nvidia/DeepSeek-R1-0528-FP4-V2").orElseThrow();
        assertEquals(NumberFormat.NVFP4, r1Fp4.defaultQuant().expertWeights());
        ModelSpec r1 = models.resolve("deepseek-ai/DeepSeek-R1-0528").orElseThrow();
        assertEquals(NumberFormat.FP8, r1.defaultQuant().expertWeights(), "a date revision keeps the base's format");
        // a base architecture found in the models directory under another organisation
        ModelSpec kimi = models.resolve("nvidia/Kimi-K2.5-NVFP4").orElseThrow();
        assertEquals(models.resolve("moonshotai/Kimi-K2.5").orElseThrow().numLayers(), kimi.numLayers());
        assertEquals(NumberFormat.NVFP4, kimi.defaultQuant().expertWeights());
        assertTrue(models.resolve("zai-org/GLM-5-FP8").isPresent());
        assertTrue(models.resolve("Qwen/Qwen3.5-397B-A17B-FP8").isPresent());
        // nothing to fall back on: a clear reason, not an exception
        assertFalse(models.resolve("example/Unknown-Model-FP8").isPresent());
        assertTrue(models.whyMissing("example/Unknown-Model-FP8").contains("example--Unknown-Model-FP8.json"));
    }

    /**
     * The "does not fit" causes the probe found (DeepSeek-R1 FP8 at TP 4, 169 GB of weights per GPU):
     * TensorRT-LLM's KV fraction is a share of the memory the weights leave (B200); the GB200 FP8
     * low-latency SGLang recipe's mem-fraction-static 0.95; and dsr1_fp8_b200.sh's TP-4 branch (0.95)
     * launching the configuration's own checkpoint, deepseek-ai/DeepSeek-R1-0528.
     */
    @Test
    void layoutsThatFillTheGpuRunAsTheirEnginesRanThem() {
        List<MeasuredDeployment> rows = List.of(
                only(probe("b200_sxm"), "2026_04_06_deepseek_r1_b200_sxm_trtllm_fp8_agg_1024x1024_c8_tp4_ep1_",
                        "deepseek-ai/DeepSeek-R1"),
                only(probe("gb200"), "dsr1_gb200_sglang_fp8_disagg_1024x1024_c4_cfg", "deepseek-ai/DeepSeek-R1"),
                only(probe("b200_sxm"), "2026_04_06_deepseek_r1_b200_sxm_sglang_fp8_agg_8192x1024_c4_tp4_ep1_",
                        "deepseek-ai/DeepSeek-R1-0528"));
        assertAllPredicted(validation().run(rows, done -> { }), rows.size());
    }

    private static MeasuredDeployment only(Path file, String idPrefix, String modelPath) {
        return AicSiliconReader.read(file).rows().stream()
                .filter(r -> r.id().startsWith(idPrefix) && r.modelPath().equals(modelPath))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + idPrefix + " in " + file));
    }
}
