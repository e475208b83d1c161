package dev.plimsoll.perfmodel.sim;

/**
 * Builds the next step of one rank: which running requests compute how many tokens, which waiting
 * requests start, which running requests lose their KV. Each engine's rules are one policy.
 */
interface SchedulerPolicy {
    /**
     * Fills {@link Rank#scheduled} through {@link Rank#schedule}; leaves it empty when the rank has
     * nothing it can run now.
     */
    void schedule(Rank rank);

    /**
     * Tokens a disaggregated decode worker reserves KV for when it accepts a request, before the KV
     * arrives (SGLang DecodePreallocQueue allocates the blocks the transfer writes into).
     */
    default int admissionTokens(SimRequest r) {
        return r.tokens();
    }
}
