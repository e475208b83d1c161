package dev.plimsoll.perfmodel.specs.hf;

import dev.plimsoll.perfmodel.specs.AttentionSpec;
import dev.plimsoll.perfmodel.specs.FfnKind;
import dev.plimsoll.perfmodel.specs.LayerSpec;
import dev.plimsoll.perfmodel.specs.MlaSpec;
import dev.plimsoll.perfmodel.specs.MoeSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoint tensor names of a model's quantisable linear modules, grouped the way
 * {@link dev.plimsoll.perfmodel.specs.QuantScheme} groups weights, so that a quantisation config's
 * exclusion list can be tested against them. Names follow the transformers modelling code of each
 * family ({@code model.layers.N.self_attn.q_proj}, {@code ...block_sparse_moe.experts.0.w1}, ...).
 */
final class HfModules {
    private final List<String> linear = new ArrayList<>();
    private final List<String> experts = new ArrayList<>();

    HfModules(HfFamily family, AttentionSpec attention, MoeSpec moe, List<LayerSpec> layers) {
        for (int i = 0; i < layers.size(); i++) {
            String layer = "model.layers." + i + ".";
            if (layers.get(i).isLinearAttention()) {
                // Qwen3-Next fuses in_proj_qkvz / in_proj_ba; Qwen3.5 splits them (transformers modelling code)
                for (String proj : List.of("in_proj_qkvz", "in_proj_ba", "in_proj_qkv", "in_proj_z", "in_proj_b",
                        "in_proj_a", "out_proj")) {
                    linear.add(layer + "linear_attn." + proj);
                }
            } else {
                for (String proj : attentionProjections(attention)) {
                    linear.add(layer + "self_attn." + proj);
                }
            }
            String ffn = layer + family.ffnModule() + ".";
            if (layers.get(i).ffn() == FfnKind.DENSE) {
                for (String proj : List.of("gate_proj", "up_proj", "down_proj")) {
                    linear.add(ffn + proj);
                }
                continue;
            }
            if (moe != null && moe.numSharedExperts() > 0) {
                String shared = family == HfFamily.DEEPSEEK ? "shared_experts." : "shared_expert.";
                for (String proj : List.of("gate_proj", "up_proj", "down_proj")) {
                    linear.add(ffn + shared + proj);
                }
            }
            experts.addAll(expertTensors(family, ffn));
        }
    }

    /** Attention, dense FFN and shared-expert modules. */
    List<String> linear() {
        return linear;
    }

    /** Routed-expert modules (expert 0 stands for all). */
    List<String> experts() {
        return experts;
    }

    private static List<String> attentionProjections(AttentionSpec a) {
        if (!a.isMla()) {
            return List.of("q_proj", "k_proj", "v_proj", "o_proj");
        }
        MlaSpec m = a.mla();
        List<String> p = new ArrayList<>();
        if (m.qLoraRank() > 0) {
            p.add("q_a_proj");
            p.add("q_b_proj");
        } else {
            p.add("q_proj");
        }
        p.add("kv_a_proj_with_mqa");
        p.add("kv_b_proj");
        p.add("o_proj");
        return p;
    }

    private static List<String> expertTensors(HfFamily family, String ffn) {
        switch (family) {
            case MIXTRAL:
            case MINIMAX_M2:
                return List.of(ffn + "experts.0.w1", ffn + "experts.0.w2", ffn + "experts.0.w3");
            case GPT_OSS:
            case LLAMA4:
                // fused 3-D expert tensors
                return List.of(ffn + "experts.gate_up_proj", ffn + "experts.down_proj");
            default:
                return List.of(ffn + "experts.0.gate_proj", ffn + "experts.0.up_proj", ffn + "experts.0.down_proj");
        }
    }
}
