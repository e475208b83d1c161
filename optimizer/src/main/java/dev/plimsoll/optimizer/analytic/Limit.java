package dev.plimsoll.optimizer.analytic;

import java.util.Locale;

/** What stops an operating point, or a larger batch, from meeting the plan. */
public enum Limit {
    /** Time to first token above its bound. */
    TTFT_SLA,
    /** Inter-token latency above its bound. */
    ITL_SLA,
    /** Time per output token above its bound. */
    TPOT_SLA,
    /** End-to-end latency above its bound. */
    E2E_SLA,
    /** The running batch's KV cache does not fit the pool. */
    KV_CAPACITY,
    /** Prompts arrive faster than the engine can prefill them. */
    PREFILL_SATURATED,
    /** The step's token budget cannot hold the decode batch and a prompt chunk. */
    TOKEN_BUDGET,
    /** The engine's largest running batch. */
    MAX_BATCH;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
