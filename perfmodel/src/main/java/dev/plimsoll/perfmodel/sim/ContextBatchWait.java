package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * TensorRT-LLM's batch waiting ({@code batch_wait_timeout_iters}, {@code batch_wait_max_tokens_ratio}
 * in the LLM API options; both 0, off, by default). While generation requests run, the PyTorch
 * executor holds back the context requests it scheduled until either it has held them for
 * {@code timeoutIters} iterations or the step's tokens (every scheduled prompt's length plus one per
 * generation request) reach {@code maxTokensRatio x max_num_tokens}; then it releases them all and
 * starts counting again (tensorrt_llm/_torch/pyexecutor/py_executor.py, PyExecutor._schedule and
 * _waiting_requests: "if no generation requests, no need to wait"). Not applied with attention data
 * parallelism, which has its own balancing.
 *
 * @param timeoutIters   iterations a context request may be held (0: released at once, whatever the
 *                       token ratio, as the executor's count is never below 0)
 * @param maxTokensRatio share of the step's token budget that releases the held requests (0: none)
 */
public record ContextBatchWait(int timeoutIters, double maxTokensRatio) {
    /** TensorRT-LLM's default: no waiting. */
    public static final ContextBatchWait NONE = new ContextBatchWait(0, 0.0);

    public ContextBatchWait {
        if (timeoutIters < 0) {
            throw new UserInputException("batch-wait timeout must be >= 0 iterations, got " + timeoutIters);
        }
        if (!(maxTokensRatio >= 0) || maxTokensRatio > 1) {
            throw new UserInputException("batch-wait token ratio must be in [0, 1], got " + maxTokensRatio);
        }
    }

    /** Whether the executor waits at all (either knob above 0, as py_executor.py enables it). */
    public boolean enabled() {
        return timeoutIters > 0 || maxTokensRatio > 0;
    }
}
