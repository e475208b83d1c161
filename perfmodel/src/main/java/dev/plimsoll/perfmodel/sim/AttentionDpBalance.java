package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * TensorRT-LLM's attention-DP context balancing ({@code attention_dp_config}: enable_balance,
 * timeout_iters, batching_wait_iters; defaults off, 50, 10 in llmapi/llm_args.py AttentionDpConfig).
 * With it on, every attention-DP rank holds its scheduled context requests until all ranks have one
 * and a free generation slot, or until {@code timeoutIters} iterations have passed, or as soon as
 * some rank runs no generation request; when all ranks do have contexts and generations, they may
 * still wait {@code batchingWaitIters} iterations to gather more (PyExecutor._balance_adp_requests).
 *
 * @param enabled           attention_dp_config.enable_balance
 * @param timeoutIters      iterations a rank waits for the others to have context requests
 * @param batchingWaitIters iterations all ranks wait together, once each has a context request
 */
public record AttentionDpBalance(boolean enabled, int timeoutIters, int batchingWaitIters) {
    /** TensorRT-LLM's default: no balancing. */
    public static final AttentionDpBalance OFF = new AttentionDpBalance(false, 50, 10);

    public AttentionDpBalance {
        if (timeoutIters < 0 || batchingWaitIters < 0) {
            throw new UserInputException("attention-DP balance iterations must be >= 0, got timeout " + timeoutIters
                    + ", batching wait " + batchingWaitIters);
        }
    }

    /** Balancing on, with these iteration counts. */
    public static AttentionDpBalance on(int timeoutIters, int batchingWaitIters) {
        return new AttentionDpBalance(true, timeoutIters, batchingWaitIters);
    }
}
