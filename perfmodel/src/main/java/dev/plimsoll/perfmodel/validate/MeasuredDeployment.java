package dev.plimsoll.perfmodel.validate;

/**
 * One measured deployment (a row of the aic-silicon e2e format): a model served in closed loop by
 * {@code concurrency} clients sending ISL-token prompts for OSL tokens, with its mean TTFT and
 * mean time per output token.
 *
 * @param id              row id
 * @param line            line in the file, for messages
 * @param concurrency     clients; 0 when not recorded
 * @param backend         trtllm, vllm or sglang
 * @param backendVersion  engine version when known
 * @param modelPath       Hugging Face repository
 * @param system          GPU system name (h100_sxm, ...)
 * @param disaggregated   separate prefill and decode pools
 * @param isl             prompt tokens
 * @param osl             output tokens
 * @param gemmQuant       quantisation of the dense GEMMs ("" for the checkpoint's own)
 * @param moeQuant        quantisation of the expert GEMMs
 * @param agg             the pool of an aggregated deployment (null when disaggregated)
 * @param prefill         prefill pool (null when aggregated)
 * @param decode          decode pool (null when aggregated)
 * @param ttftMs          measured mean time to first token
 * @param tpotMs          measured mean time per output token after the first
 */
public record MeasuredDeployment(String id, int line, int concurrency, String backend, String backendVersion,
                                 String modelPath, String system, boolean disaggregated, int isl, int osl,
                                 String gemmQuant, String moeQuant, PoolLayout agg, PoolLayout prefill,
                                 PoolLayout decode, double ttftMs, double tpotMs) {
    public String mode() {
        return disaggregated ? "disagg" : "agg";
    }

    /** This disaggregated deployment with other pools (the launch its benchmark ran, where the row misread it). */
    public MeasuredDeployment withPools(PoolLayout prefillPool, PoolLayout decodePool) {
        return new MeasuredDeployment(id, line, concurrency, backend, backendVersion, modelPath, system, true, isl, osl,
                gemmQuant, moeQuant, null, prefillPool, decodePool, ttftMs, tpotMs);
    }

    /** Grouping key: model, backend, mode. */
    public String group() {
        return modelPath + " " + backend + " " + mode();
    }

    /**
     * Whether the row leaves out a fact the deployment needs: the closed-loop concurrency, or the
     * worker counts of a disaggregated deployment (shared/data/README.md: most disaggregated rows
     * give each pool's layout but not how many engines it ran). Such rows are scored under a stated
     * assumption in a summary of their own, apart from the headline.
     */
    public boolean underspecified() {
        return concurrency <= 0 || (disaggregated && (prefill.workers() == 0 || decode.workers() == 0));
    }
}
