package dev.plimsoll.perfmodel.specs;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Errors a user makes in a spec YAML are one line naming the file, line and column. */
class SpecYamlErrorsTest {
    private static final String GPU = String.join("\n",
            "id: test-gpu",                            // line 1
            "name: Test GPU",                          // 2
            "vendor: nvidia",                          // 3
            "peak_tflops:",                            // 4
            "  bf16: 989",                             // 5
            "  fp8: 1979",                             // 6
            "memory_gb: 85.9",                         // 7
            "memory_bandwidth_tbps: 3.35",             // 8
            "scale_up_gbps_per_direction: 450",        // 9
            "scale_up_domain_gpus: 8",                 // 10
            "scale_out_gbps_per_direction: 50",        // 11
            "gpus_per_node: 8",                        // 12
            "scale_up_latency_us: 3",                  // 13
            "scale_out_latency_us: 10",                // 14
            "price_per_gpu_hour_usd: 3.0",             // 15
            "efficiency:",                             // 16
            "  gemm: 0.78",                            // 17
            "  memory: 0.84",                          // 18
            "  attention: 0.75",                       // 19
            "  collective_bus: 0.99",                  // 20
            "source: test") + "\n";

    private static final String MODEL = String.join("\n",
            "id: test-moe",                            // 1
            "hidden_size: 1024",                       // 2
            "vocab_size: 32000",                       // 3
            "tied_embeddings: false",                  // 4
            "max_context_tokens: 4096",                // 5
            "attention:",                              // 6
            "  kind: gqa",                             // 7
            "  num_heads: 16",                         // 8
            "  num_kv_heads: 4",                       // 9
            "  head_dim: 64",                          // 10
            "moe:",                                    // 11
            "  num_experts: 8",                        // 12
            "  experts_per_token: 2",                  // 13
            "  expert_intermediate_size: 512",         // 14
            "layers:",                                 // 15
            "  count: 4",                              // 16
            "  window_pattern: [sliding 128, full]") + "\n";

    private static UserInputException gpuError(String yaml) {
        return assertThrows(UserInputException.class, () -> GpuSpecYaml.parse(yaml, "gpu.yaml"));
    }

    private static UserInputException modelError(String yaml) {
        return assertThrows(UserInputException.class, () -> ModelSpecYaml.parse(yaml, "model.yaml"));
    }

    @Test
    void theTemplatesThemselvesLoad() {
        assertEquals(989e12, GpuSpecYaml.parse(GPU, "gpu.yaml").peakFlopsPerS(ComputeDtype.BF16));
        ModelSpec m = ModelSpecYaml.parse(MODEL, "model.yaml");
        assertEquals(AttentionWindow.sliding(128), m.layers().get(2).window());
        assertEquals(FfnKind.MOE, m.layers().get(3).ffn());
    }

    @Test
    void theL2FiguresAreOptional() {
        assertEquals(L2Cache.UNKNOWN, GpuSpecYaml.parse(GPU, "gpu.yaml").l2Cache());
        String withL2 = GPU.replace("memory_bandwidth_tbps: 3.35\n",
                "memory_bandwidth_tbps: 3.35\nl2_cache_mib: 50\nl2_bandwidth_tbps: 9.8\n");
        L2Cache l2 = GpuSpecYaml.parse(withL2, "gpu.yaml").l2Cache();
        assertEquals(50L << 20, l2.capacityBytes());
        assertEquals(9.8e12, l2.bandwidthBytesPerS(), 1);
        assertTrue(l2.known());
        L2Cache capacityOnly = GpuSpecYaml.parse(GPU.replace("memory_bandwidth_tbps: 3.35\n",
                "memory_bandwidth_tbps: 3.35\nl2_cache_mib: 96\n"), "gpu.yaml").l2Cache();
        assertEquals(96L << 20, capacityOnly.capacityBytes());
        assertTrue(!capacityOnly.known(), "a capacity without a bandwidth prices nothing");
    }

    @Test
    void anL2BandwidthNeedsItsCapacity() {
        UserInputException e = gpuError(GPU.replace("memory_bandwidth_tbps: 3.35\n",
                "memory_bandwidth_tbps: 3.35\nl2_bandwidth_tbps: 9.8\n"));
        assertEquals("gpu.yaml:9:20: l2_bandwidth_tbps needs l2_cache_mib (the capacity it is read from)",
                e.getMessage());
        UserInputException negative = gpuError(GPU.replace("memory_bandwidth_tbps: 3.35\n",
                "memory_bandwidth_tbps: 3.35\nl2_cache_mib: -1\n"));
        assertTrue(negative.getMessage().startsWith("gpu.yaml:9:"), negative.getMessage());
        assertTrue(negative.getMessage().contains("l2_cache_mib"), negative.getMessage());
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        String broken = GPU.replace("  fp8: 1979", "  fp8: [1979");
        UserInputException e = gpuError(broken);
        assertTrue(e.getMessage().matches("gpu\\.yaml:\\d+:\\d+: malformed YAML: .*"), e.getMessage());
        assertTrue(e.getMessage().startsWith("gpu.yaml:7:"), "the parser stops at the next key: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void badIndentationIsMalformed() {
        UserInputException e = gpuError(GPU.replace("  memory: 0.84", " memory: 0.84"));
        assertTrue(e.getMessage().matches("gpu\\.yaml:18:\\d+: malformed YAML: .*"), e.getMessage());
    }

    @Test
    void unknownKeyIsRejectedWithASuggestion() {
        UserInputException e = gpuError(GPU.replace("gpus_per_node: 8", "gpus_per_node: 8\ngpu_per_node: 8"));
        assertTrue(e.getMessage().startsWith("gpu.yaml:13:1: unknown key 'gpu_per_node' (did you mean "
                + "'gpus_per_node'?); known keys: id, name, vendor"), e.getMessage());
        UserInputException typo = gpuError(GPU.replace("memory_gb: 85.9", "memory_gib: 85.9"));
        assertEquals("gpu.yaml:1:1: missing key 'memory_gb' (is 'memory_gib' at line 7 a typo?)", typo.getMessage());
        UserInputException nested = gpuError(GPU.replace("  gemm: 0.78", "  gemm: 0.78\n  gemn: 0.5"));
        assertTrue(nested.getMessage().startsWith("gpu.yaml:18:3: unknown key 'efficiency.gemn'"),
                nested.getMessage());
        UserInputException dtype = gpuError(GPU.replace("  fp8: 1979", "  fp6: 1979"));
        assertTrue(dtype.getMessage().startsWith("gpu.yaml:6:3: unknown key 'peak_tflops.fp6'"), dtype.getMessage());
    }

    @Test
    void missingKeyNamesTheMapping() {
        UserInputException e = gpuError(GPU.replace("gpus_per_node: 8\n", ""));
        assertEquals("gpu.yaml:1:1: missing key 'gpus_per_node'", e.getMessage());
        UserInputException nested = gpuError(GPU.replace("  attention: 0.75\n", ""));
        assertEquals("gpu.yaml:17:3: missing key 'efficiency.attention'", nested.getMessage());
    }

    @Test
    void negativeOrZeroSizesAreRejected() {
        UserInputException e = gpuError(GPU.replace("memory_gb: 85.9", "memory_gb: -80"));
        assertEquals("gpu.yaml:7:12: memory_gb must be a positive number, got the integer -80", e.getMessage());
        UserInputException zero = modelError(MODEL.replace("hidden_size: 1024", "hidden_size: 0"));
        assertEquals("model.yaml:2:14: hidden_size must be a positive integer, got the integer 0",
                zero.getMessage());
        UserInputException fraction = gpuError(GPU.replace("  gemm: 0.78", "  gemm: 78"));
        assertEquals("gpu.yaml:17:9: efficiency.gemm must be a fraction in (0, 1], got the integer 78",
                fraction.getMessage());
    }

    @Test
    void wrongTypesAreRejected() {
        UserInputException e = modelError(MODEL.replace("  num_heads: 16", "  num_heads: sixteen"));
        assertEquals("model.yaml:8:14: attention.num_heads must be an integer, got the string 'sixteen'",
                e.getMessage());
        UserInputException f = modelError(MODEL.replace("  num_heads: 16", "  num_heads: 16.5"));
        assertEquals("model.yaml:8:14: attention.num_heads must be an integer, got the number 16.5", f.getMessage());
        UserInputException b = modelError(MODEL.replace("tied_embeddings: false", "tied_embeddings: 0"));
        assertEquals("model.yaml:4:18: tied_embeddings must be true or false, got the integer 0", b.getMessage());
        UserInputException m = gpuError(GPU.replace("efficiency:\n", "efficiency: 0.8\nextra:\n"));
        assertTrue(m.getMessage().startsWith("gpu.yaml:16:13: 'efficiency' must be a mapping"), m.getMessage());
    }

    @Test
    void qkNormNamesItsChoicesAndBelongsToGqaOnly() {
        ModelSpec normed = ModelSpecYaml.parse(MODEL.replace("  head_dim: 64", "  head_dim: 64\n  qk_norm: across_heads"),
                "model.yaml");
        assertEquals(QkNorm.ACROSS_HEADS, normed.attention().qkNorm());
        assertEquals(QkNorm.NONE, ModelSpecYaml.parse(MODEL, "model.yaml").attention().qkNorm());
        UserInputException bad = modelError(MODEL.replace("  head_dim: 64", "  head_dim: 64\n  qk_norm: per-layer"));
        assertEquals("model.yaml:11:12: attention.qk_norm must be none, per_head or across_heads, got 'per-layer'",
                bad.getMessage());
        String mla = MODEL.replace("  kind: gqa\n", "  kind: mla\n").replace("  num_kv_heads: 4\n  head_dim: 64\n",
                "  qk_norm: per_head\n  mla:\n    q_lora_rank: 0\n    kv_lora_rank: 64\n    qk_nope_head_dim: 32\n"
                        + "    qk_rope_head_dim: 16\n    v_head_dim: 32\n");
        UserInputException onMla = modelError(mla);
        assertTrue(onMla.getMessage().startsWith("model.yaml:9:"), onMla.getMessage());
        assertTrue(onMla.getMessage().endsWith("attention.qk_norm is only allowed with kind: gqa (MLA normalises its "
                + "latents)"), onMla.getMessage());
    }

    @Test
    void duplicateKeysAreRejected() {
        UserInputException e = gpuError(GPU + "gpus_per_node: 4\n");
        assertEquals("gpu.yaml:22:1: duplicate key 'gpus_per_node' (first at line 12)", e.getMessage());
    }

    @Test
    void emptyFileIsRejected() {
        assertEquals("gpu.yaml: empty YAML file", gpuError("").getMessage());
        assertEquals("gpu.yaml: empty YAML file", gpuError("# only a comment\n").getMessage());
    }

    @Test
    void modelStructureErrorsPointAtTheValue() {
        UserInputException window = modelError(MODEL.replace("[sliding 128, full]", "[sliding, full]"));
        assertEquals("model.yaml:17:20: layers.window_pattern item must be 'full', 'sliding <tokens>' or "
                + "'chunked <tokens>', got the string 'sliding'", window.getMessage());
        UserInputException topK = modelError(MODEL.replace("experts_per_token: 2", "experts_per_token: 9"));
        assertEquals("model.yaml:13:22: moe.experts_per_token (9) must not exceed num_experts (8)",
                topK.getMessage());
        UserInputException inter = modelError(MODEL.replace("moe:", "intermediate_size: 4096\nmoe:"));
        assertTrue(inter.getMessage().startsWith("model.yaml:11:20: intermediate_size is the dense FFN width, but "
                + "every layer is MoE"), inter.getMessage());
        UserInputException kv = modelError(MODEL.replace("num_kv_heads: 4", "num_kv_heads: 5"));
        assertEquals("model.yaml:9:17: attention.num_kv_heads (5) must divide num_heads (16)", kv.getMessage());
        UserInputException dense = modelError(MODEL.replace("  count: 4", "  count: 4\n  ffn_pattern: [dense, moe]"));
        assertTrue(dense.getMessage().contains("intermediate_size (the dense FFN width) is required"),
                dense.getMessage());
    }

    @Test
    void quantisationIsAPresetOrAScopedPreset() {
        ModelSpec plain = ModelSpecYaml.parse(MODEL + "default_quant: nvfp4\n", "model.yaml");
        assertEquals(QuantPresets.get("nvfp4"), plain.defaultQuant());
        ModelSpec scoped = ModelSpecYaml.parse(MODEL + "default_quant: {preset: mxfp4, scope: experts, kv_cache: fp8}\n",
                "model.yaml");
        assertEquals("mxfp4-experts", scoped.defaultQuant().name());
        assertEquals(NumberFormat.FP8, scoped.defaultQuant().kvCache());
        UserInputException e = modelError(MODEL + "default_quant: fp6\n");
        assertEquals("model.yaml:18:16: unknown quantisation 'fp6'; valid: bf16, fp16, fp8, fp8-block, int8, int4, "
                + "nvfp4, mxfp4, w4a8", e.getMessage());
    }

    @Test
    void theComputeCapabilityIsOptionalAndMajorDotMinor() {
        assertEquals("", GpuSpecYaml.parse(GPU, "gpu.yaml").computeCapability());
        String hopper = GPU.replace("source: test", "compute_capability: \"9.0\"\nsource: test");
        assertEquals("9.0", GpuSpecYaml.parse(hopper, "gpu.yaml").computeCapability());
        String bad = GPU.replace("source: test", "compute_capability: hopper\nsource: test");
        UserInputException e = assertThrows(UserInputException.class, () -> GpuSpecYaml.parse(bad, "gpu.yaml"));
        assertTrue(e.getMessage().contains("compute_capability"), e.getMessage());
    }
}
