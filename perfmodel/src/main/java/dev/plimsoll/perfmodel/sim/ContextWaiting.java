package dev.plimsoll.perfmodel.sim;

import java.util.Objects;

/**
 * How TensorRT-LLM's executor holds back scheduled context requests: batch waiting without attention
 * DP ({@link ContextBatchWait}) and context balancing across attention-DP ranks
 * ({@link AttentionDpBalance}). Both off by default and in the other engines.
 *
 * @param batch batch_wait_timeout_iters / batch_wait_max_tokens_ratio
 * @param adp   attention_dp_config
 */
public record ContextWaiting(ContextBatchWait batch, AttentionDpBalance adp) {
    public static final ContextWaiting NONE = new ContextWaiting(ContextBatchWait.NONE, AttentionDpBalance.OFF);

    public ContextWaiting {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(adp, "adp");
    }
}
