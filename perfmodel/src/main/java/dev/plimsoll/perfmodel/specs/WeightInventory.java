package dev.plimsoll.perfmodel.specs;

import dev.plimsoll.perfmodel.specs.WeightTensor.WeightGroup;
import dev.plimsoll.perfmodel.specs.WeightTensor.WeightSplit;

import java.util.ArrayList;
import java.util.List;

/**
 * The weight tensors of a model, the single place parameter counts and weight memory come from.
 * Biases and norm vectors are counted; they matter for published parameter totals only.
 */
public final class WeightInventory {
    private WeightInventory() {
    }

    /** Tensors of one decoder layer. */
    public static List<WeightTensor> layer(ModelSpec model, LayerSpec layer) {
        List<WeightTensor> t = new ArrayList<>();
        long h = model.hiddenSize();
        AttentionSpec a = model.attention();
        if (layer.isLinearAttention()) {
            addGatedDeltaNet(t, h, model.linearAttention());
        } else if (a.isMla()) {
            MlaSpec m = a.mla();
            long heads = a.numHeads();
            if (m.qLoraRank() > 0) {
                t.add(new WeightTensor("q_a_proj", h * m.qLoraRank(), WeightGroup.LINEAR, WeightSplit.REPLICATED));
                t.add(new WeightTensor("q_a_norm", m.qLoraRank(), WeightGroup.HIGH_PRECISION, WeightSplit.REPLICATED));
                t.add(new WeightTensor("q_b_proj", (long) m.qLoraRank() * heads * m.qkHeadDim(), WeightGroup.LINEAR,
                        WeightSplit.TP));
            } else {
                t.add(new WeightTensor("q_proj", h * heads * m.qkHeadDim(), WeightGroup.LINEAR, WeightSplit.TP));
            }
            t.add(new WeightTensor("kv_a_proj", h * (m.kvLoraRank() + m.qkRopeHeadDim()), WeightGroup.LINEAR,
                    WeightSplit.REPLICATED));
            t.add(new WeightTensor("kv_a_norm", m.kvLoraRank(), WeightGroup.HIGH_PRECISION, WeightSplit.REPLICATED));
            t.add(new WeightTensor("kv_b_proj", (long) m.kvLoraRank() * heads * (m.qkNopeHeadDim() + m.vHeadDim()),
                    WeightGroup.LINEAR, WeightSplit.TP));
            t.add(new WeightTensor("o_proj", heads * m.vHeadDim() * h, WeightGroup.LINEAR, WeightSplit.TP));
            if (m.isSparse()) {
                addIndexer(t, h, m);
            }
        } else {
            long q = (long) a.numHeads() * a.headDim();
            long kv = (long) a.numKvHeads() * a.headDim();
            t.add(new WeightTensor("q_proj", h * q * (a.outputGate() ? 2 : 1), WeightGroup.LINEAR, WeightSplit.TP));
            t.add(new WeightTensor("kv_proj", h * 2 * kv, WeightGroup.LINEAR, WeightSplit.TP_KV_HEADS));
            if (a.qkvBias()) {
                t.add(new WeightTensor("qkv_bias", q + 2 * kv, WeightGroup.HIGH_PRECISION, WeightSplit.TP));
            }
            t.add(new WeightTensor("o_proj", q * h, WeightGroup.LINEAR, WeightSplit.TP));
        }
        t.add(new WeightTensor("norms", 2 * h, WeightGroup.HIGH_PRECISION, WeightSplit.REPLICATED));
        if (layer.ffn() == FfnKind.DENSE) {
            t.add(new WeightTensor("mlp", 3 * h * model.intermediateSize(), WeightGroup.LINEAR, WeightSplit.TP));
        } else {
            MoeSpec moe = model.moe();
            t.add(new WeightTensor("router", h * moe.numExperts(), WeightGroup.HIGH_PRECISION, WeightSplit.REPLICATED));
            t.add(new WeightTensor("experts", 3 * h * moe.expertIntermediateSize() * (long) moe.numExperts(),
                    WeightGroup.EXPERT, WeightSplit.EXPERT_PARALLEL));
            if (moe.numSharedExperts() > 0) {
                t.add(new WeightTensor("shared_experts",
                        3 * h * moe.sharedIntermediateSize() * (long) moe.numSharedExperts(),
                        WeightGroup.LINEAR, WeightSplit.TP));
            }
        }
        return t;
    }

    /**
     * Gated DeltaNet (transformers Qwen3NextGatedDeltaNet): input projections to q, k, v, the gate z,
     * beta and the decay, the depthwise causal convolution over q, k and v, per-head A_log and
     * dt_bias, the gated RMSNorm and the output projection; all split over TP by heads.
     */
    private static void addGatedDeltaNet(List<WeightTensor> t, long h, LinearAttentionSpec g) {
        t.add(new WeightTensor("linear_in_proj", h * g.inputProjectionWidth(), WeightGroup.LINEAR, WeightSplit.TP));
        t.add(new WeightTensor("linear_conv1d", g.convChannels() * g.convKernel(), WeightGroup.HIGH_PRECISION,
                WeightSplit.TP));
        t.add(new WeightTensor("linear_decay", 2L * g.numValueHeads() + g.valueHeadDim(), WeightGroup.HIGH_PRECISION,
                WeightSplit.REPLICATED));
        t.add(new WeightTensor("linear_out_proj", g.valueWidth() * h, WeightGroup.LINEAR, WeightSplit.TP));
    }

    /**
     * DeepSeek sparse attention's lightning indexer (DeepSeek-V3.2 inference code, Indexer): wq_b
     * from the query latent to the index heads, wk and its LayerNorm for the shared index key, and
     * the per-head weights_proj; replicated on every TP rank (SGLang and vLLM do not shard it).
     */
    private static void addIndexer(List<WeightTensor> t, long h, MlaSpec m) {
        DsaSpec d = m.sparse();
        long qIn = m.qLoraRank() > 0 ? m.qLoraRank() : h;
        t.add(new WeightTensor("indexer_wq_b", qIn * d.indexHeads() * d.indexHeadDim(), WeightGroup.LINEAR,
                WeightSplit.REPLICATED));
        t.add(new WeightTensor("indexer_wk", h * d.indexHeadDim(), WeightGroup.LINEAR, WeightSplit.REPLICATED));
        t.add(new WeightTensor("indexer_weights_proj", h * d.indexHeads(), WeightGroup.HIGH_PRECISION,
                WeightSplit.REPLICATED));
        t.add(new WeightTensor("indexer_k_norm", 2L * d.indexHeadDim(), WeightGroup.HIGH_PRECISION,
                WeightSplit.REPLICATED));
    }

    public static long embeddingElements(ModelSpec model) {
        return (long) model.vocabSize() * model.hiddenSize();
    }

    /** LM head elements; zero when tied to the embedding. */
    public static long lmHeadElements(ModelSpec model) {
        return model.tiedEmbeddings() ? 0 : embeddingElements(model);
    }

    /** All parameters, every expert counted. */
    public static long totalParams(ModelSpec model) {
        return count(model, false);
    }

    /** Parameters one token uses: routed experts counted {@code expertsPerToken} times. */
    public static long activeParams(ModelSpec model) {
        return count(model, true);
    }

    private static long count(ModelSpec model, boolean activeOnly) {
        long sum = embeddingElements(model) + lmHeadElements(model) + model.hiddenSize(); // final norm
        for (LayerGroup g : model.layerGroups()) {
            long perLayer = 0;
            for (WeightTensor w : layer(model, g.layer())) {
                long e = w.elements();
                if (activeOnly && w.group() == WeightGroup.EXPERT) {
                    e = e / model.moe().numExperts() * model.moe().expertsPerToken();
                }
                perLayer += e;
            }
            sum += perLayer * g.count();
        }
        return sum;
    }
}
