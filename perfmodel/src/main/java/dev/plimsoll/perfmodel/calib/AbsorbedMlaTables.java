package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.cost.Provenance;
import dev.plimsoll.perfmodel.specs.AttentionWindow;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.specs.ComputeDtype;

import java.util.Optional;

/**
 * Which context-MLA tables timed the kernel the engine runs for a prompt without cached tokens.
 *
 * <p>Every engine prefills DeepSeek's MLA without cached tokens as multi-head attention over the
 * up-projected heads (query/key 128 + 64 rope = 192 wide, values 128; DeepSeek-V2 section 2.1):
 * SGLang's {@code _handle_attention_backend} (models/deepseek_common/attention_forward_methods)
 * returns {@code MHA_ONE_SHOT} or {@code MHA_CHUNKED_KV} for an extend batch whose prefix sum is 0
 * or at least {@code SGLANG_CHUNKED_PREFIX_CACHE_THRESHOLD} (8,192, environ.py), with the fa3,
 * flashinfer, flashmla and cutlass_mla backends alike; the absorbed form (queries in the 512-wide
 * latent space plus rope, 576 wide, values 512) is for decode and for chunks over a shorter cached
 * prefix.
 *
 * <p>NVIDIA AIConfigurator's SGLang collector ({@code collector/sglang/collect_mla.py}) times, on
 * GPUs before Blackwell, SGLang's {@code FlashAttentionBackend} with {@code v_head_dim =
 * kv_lora_rank} and 576-wide heads in both phases, i.e. the absorbed form, and on Blackwell its
 * {@code TRTLLMMLABackend} with the projected 192/128 heads for context. The shared tables show it:
 * at 128 heads and 8,192 tokens SGLang's context MLA takes 15.6 ms on the H100 and 15.9 ms on the
 * H200 against TensorRT-LLM's 5.1 and 4.8 ms (ratio 3.1-3.3, the FLOP ratio (576 + 512) / (192 +
 * 128) = 3.4), and 2.1 ms on the B200 against 2.4 ms. Such a table prices the wrong kernel for
 * these prompts; the engine's own context-attention table (FA3 on Hopper) at 192-wide heads prices
 * the right one, its time scaled by the value width: attention FLOPs go as the query/key plus the
 * value width, (192 + 128) / (192 + 192).
 */
final class AbsorbedMlaTables {
    /** DeepSeek-V3 config.json: qk_nope_head_dim 128 + qk_rope_head_dim 64. */
    static final int MHA_QK_HEAD_DIM = 192;
    /** DeepSeek-V3 config.json: v_head_dim. */
    static final int MHA_V_HEAD_DIM = 128;
    /** Time of a (192, 128) attention against a (192, 192) one of the same shape: its FLOP share. */
    static final double VALUE_WIDTH_SHARE = (double) (MHA_QK_HEAD_DIM + MHA_V_HEAD_DIM) / (2 * MHA_QK_HEAD_DIM);

    private AbsorbedMlaTables() {
    }

    /**
     * Whether {@code backend}'s context-MLA table measured on {@code tableGpu} timed the absorbed
     * form: SGLang's collector before Blackwell (a GPU without FP4 tensor cores, the formats
     * {@link ReferenceSpec#sameFormats} tells architectures by).
     */
    static boolean contextTableIsAbsorbed(String backend, ReferenceSpec tableGpu) {
        return "sglang".equals(backend) && !tableGpu.peakFlopsPerS().containsKey(ComputeDtype.FP4);
    }

    /** SGLang's {@code SGLANG_CHUNKED_PREFIX_CACHE_THRESHOLD} default (python/sglang/srt/environ.py). */
    static final long CHUNKED_PREFIX_CACHE_THRESHOLD = 8192;

    /**
     * Whether the engine runs {@code m} as multi-head attention: a prefill over no cached tokens or
     * over at least the chunked-prefix threshold.
     */
    static boolean runsAsMultiHead(OpShape.Mla m) {
        boolean multiHead = m.prefixTokens() == 0 || m.prefixTokens() >= CHUNKED_PREFIX_CACHE_THRESHOLD;
        return multiHead && m.queryTokens() > 0 && m.batch() > 0 && m.heads() > 0;
    }

    /**
     * The context-attention query for the multi-head prefill of {@code m}: its local heads, one
     * key/value head (attention FLOPs do not depend on the key/value head count, and the tables
     * hold 192-wide heads in that grouping), 192-wide heads, no window, bf16 (the fresh projected
     * keys and values, not the cache); over a cached prefix, the whole-sequence length with as many
     * attended keys (as {@link OpQueries} reads chunks).
     */
    static KernelQuery multiHeadQuery(OpShape.Mla m) {
        String category = OpQueries.ATTENTION_DTYPE + KernelRow.SEPARATOR + OpQueries.ATTENTION_DTYPE;
        double[] shape = {m.heads(), 1, MHA_QK_HEAD_DIM, 0};
        double isl = m.prefixTokens() > 0
                ? OpQueries.equivalentLength(AttentionWindow.FULL, m.prefixTokens(), m.queryTokens()) : m.queryTokens();
        return new KernelQuery(KernelFamily.CONTEXT_ATTENTION, category, shape, new double[]{m.batch(), isl},
                m.queryTokens(), m.prefixTokens(), m.prefixTokens() > 0);
    }

    /** {@code wide}'s time for 128-wide values, marked transferred (another kernel shape's curve). */
    static Optional<Prediction> narrowValues(Prediction wide) {
        if (wide == null) {
            return Optional.empty();
        }
        return Optional.of(new Prediction(wide.timeMs() * VALUE_WIDTH_SHARE, Provenance.TRANSFERRED, wide.bound(),
                wide.utilisation()));
    }
}
