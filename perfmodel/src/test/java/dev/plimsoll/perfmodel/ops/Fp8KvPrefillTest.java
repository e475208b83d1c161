package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.calib.CalibratedCostModels;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.OpCost;
import dev.plimsoll.perfmodel.cost.OpCostModel;
import dev.plimsoll.perfmodel.cost.Provenance;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SGLang's prefill attention over an FP8 KV cache, per attention backend its GPU gets. */
class Fp8KvPrefillTest {
    private static final GpuSpec H200 = TestSpecs.gpu("h200-sxm");
    private static final GpuSpec B200 = TestSpecs.gpu("b200-sxm");
    private static final GpuSpec L40S = TestSpecs.gpu("l40s");

    @Test
    void theBackendOfEachArchitectureDecides() {
        assertEquals(Fp8KvPrefill.FP8_CASTS_APART, Fp8KvPrefill.of("sglang", H200, 128, NumberFormat.FP8, false),
                "FA3 casts the queries; the Hopper table was fed them cast");
        assertEquals(Fp8KvPrefill.BF16_QUERIES, Fp8KvPrefill.of("sglang", H200, 512, NumberFormat.FP8, false),
                "FA3 takes the FP8 path up to head size 256 only");
        assertEquals(Fp8KvPrefill.FP8_CASTS_TIMED, Fp8KvPrefill.of("sglang", B200, 128, NumberFormat.FP8, false),
                "trtllm_mha casts inside what the Blackwell table times");
        assertEquals(Fp8KvPrefill.BF16_QUERIES, Fp8KvPrefill.of("sglang", B200, 256, NumberFormat.FP8, true),
                "Triton for the gated delta-net models on SM100");
        assertEquals(Fp8KvPrefill.BF16_QUERIES, Fp8KvPrefill.of("sglang", L40S, 128, NumberFormat.FP8, false),
                "FlashInfer elsewhere");
        assertEquals(Fp8KvPrefill.BF16_QUERIES, Fp8KvPrefill.of("sglang", H200, 128, NumberFormat.BF16, false));
        assertEquals(Fp8KvPrefill.BF16_QUERIES, Fp8KvPrefill.of("vllm", H200, 128, NumberFormat.FP8, false));
    }

    private static List<Op> prefill(String backend, GpuSpec gpu, NumberFormat kv) {
        ModelSpec llama = TestSpecs.model("llama-3.1-70b");
        return new OperatorGraph(llama, gpu, Parallelism.tp(2),
                QuantResolver.resolve(llama.defaultQuant().withKvCache(kv), gpu), backend)
                .ops(StepBatch.prefill(1, 8000));
    }

    private static Optional<Op> op(List<Op> ops, String name) {
        return ops.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    @Test
    void onHopperSglangPricesFa3Fp8AndTheCastsApart() {
        List<Op> ops = prefill("sglang", H200, NumberFormat.FP8);
        Op attention = op(ops, "attention_prefill").orElseThrow();
        assertEquals(ComputeDtype.FP8, attention.dtype());
        Op cast = op(ops, "qkv_fp8_cast").orElseThrow();
        // TP 2: 32 query and 4 + 4 key/value heads of 128 per GPU, 8000 tokens, read in BF16 and written in FP8
        assertEquals(8000.0 * 40 * 128 * 3, cast.bytes(), 1e-6);
        assertEquals(3, cast.kernels());
        assertTrue(op(prefill("sglang", B200, NumberFormat.FP8), "qkv_fp8_cast").isEmpty(),
                "the Blackwell table's rows hold the casts");
        assertTrue(op(prefill("vllm", H200, NumberFormat.FP8), "qkv_fp8_cast").isEmpty());
        assertEquals(ComputeDtype.BF16, op(prefill("vllm", H200, NumberFormat.FP8), "attention_prefill")
                .orElseThrow().dtype());
    }

    /**
     * The H200's SGLang table has BF16-query rows over an FP8 cache only for Triton shapes (head sizes
     * 256 with a window and 512): read for FA3's shapes they priced an 8k prefill of Llama-3.1-70B at ten
     * times its BF16 time. The FP8 rows FA3 runs price it near the BF16 one.
     */
    @Test
    void anFp8CacheNoLongerReadsAnotherKernelsShapes() {
        OpCostModel cost = CalibratedCostModels.provider(Optional.empty()).forGpu(H200, BackendProfiles.get("sglang"));
        OpCost fp8 = cost.cost(op(prefill("sglang", H200, NumberFormat.FP8), "attention_prefill").orElseThrow());
        OpCost bf16 = cost.cost(op(prefill("sglang", H200, NumberFormat.BF16), "attention_prefill").orElseThrow());
        assertNotEquals(Provenance.TRANSFERRED, fp8.provenance(), "read from the measured FA3 FP8 shapes");
        assertTrue(fp8.timeMs() < 1.2 * bf16.timeMs() && fp8.timeMs() > 0.5 * bf16.timeMs(),
                fp8.timeMs() + " ms against BF16 " + bf16.timeMs() + " ms");
    }
}
