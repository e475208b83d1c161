package dev.plimsoll.cli.output;

import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.LayerGroup;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.WeightInventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON views of specs for {@code plimsoll specs}. */
public final class SpecJson {
    private SpecJson() {
    }

    public static Map<String, Object> gpu(GpuSpec g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("name", g.name());
        m.put("vendor", g.vendor());
        Map<String, Object> peaks = new LinkedHashMap<>();
        for (ComputeDtype d : ComputeDtype.values()) {
            if (g.supports(d)) {
                peaks.put(d.key(), g.peakFlopsPerS(d) / 1e12);
            }
        }
        m.put("peak_tflops", peaks);
        m.put("memory_bytes", g.memoryBytes());
        m.put("memory_bandwidth_bytes_per_s", g.memoryBandwidthBytesPerS());
        if (g.l2Cache().capacityBytes() > 0) {
            m.put("l2_cache_bytes", g.l2Cache().capacityBytes());
        }
        if (g.l2Cache().bandwidthBytesPerS() > 0) {
            m.put("l2_bandwidth_bytes_per_s", g.l2Cache().bandwidthBytesPerS());
        }
        if (!g.computeCapability().isEmpty()) {
            m.put("compute_capability", g.computeCapability());
        }
        m.put("scale_up_bytes_per_s", g.scaleUpBandwidthBytesPerS());
        m.put("scale_up_domain_gpus", g.scaleUpDomainGpus());
        m.put("scale_out_bytes_per_s", g.scaleOutBandwidthBytesPerS());
        m.put("gpus_per_node", g.gpusPerNode());
        m.put("price_per_gpu_hour_usd", g.pricePerGpuHourUsd());
        Map<String, Object> eff = new LinkedHashMap<>();
        eff.put("gemm", g.efficiency().gemm());
        eff.put("memory", g.efficiency().memory());
        eff.put("attention", g.efficiency().attention());
        eff.put("collective_bus", g.efficiency().collectiveBus());
        m.put("efficiency", eff);
        m.put("source", g.source());
        return m;
    }

    public static Map<String, Object> model(ModelSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("architecture", s.architecture());
        m.put("total_params", WeightInventory.totalParams(s));
        m.put("active_params", WeightInventory.activeParams(s));
        m.put("hidden_size", s.hiddenSize());
        m.put("layers", s.numLayers());
        m.put("vocab_size", s.vocabSize());
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("kind", s.attention().kind().name().toLowerCase(java.util.Locale.ROOT));
        a.put("num_heads", s.attention().numHeads());
        a.put("num_kv_heads", s.attention().numKvHeads());
        a.put("head_dim", s.attention().headDim());
        if (s.attention().isMla()) {
            var mla = s.attention().mla();
            a.put("q_lora_rank", mla.qLoraRank());
            a.put("kv_lora_rank", mla.kvLoraRank());
            a.put("qk_nope_head_dim", mla.qkNopeHeadDim());
            a.put("qk_rope_head_dim", mla.qkRopeHeadDim());
            a.put("v_head_dim", mla.vHeadDim());
        }
        m.put("attention", a);
        m.put("intermediate_size", s.intermediateSize());
        if (s.isMoe()) {
            Map<String, Object> moe = new LinkedHashMap<>();
            moe.put("num_experts", s.moe().numExperts());
            moe.put("experts_per_token", s.moe().expertsPerToken());
            moe.put("expert_intermediate_size", s.moe().expertIntermediateSize());
            moe.put("num_shared_experts", s.moe().numSharedExperts());
            moe.put("shared_intermediate_size", s.moe().sharedIntermediateSize());
            m.put("moe", moe);
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        for (LayerGroup g : s.layerGroups()) {
            Map<String, Object> lg = new LinkedHashMap<>();
            lg.put("count", g.count());
            lg.put("attention", g.layer().window().kind().name().toLowerCase(java.util.Locale.ROOT));
            lg.put("window_tokens", g.layer().window().tokens());
            lg.put("ffn", g.layer().ffn().name().toLowerCase(java.util.Locale.ROOT));
            groups.add(lg);
        }
        m.put("layer_groups", groups);
        m.put("default_quant", s.defaultQuant().name());
        m.put("max_context_tokens", s.maxContextTokens());
        m.put("source", s.source());
        return m;
    }
}
