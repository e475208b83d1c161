package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;

/**
 * The engine flags of one srt-slurm recipe that an InferenceX multinode configuration entry launches
 * ({@code CONFIG_FILE=recipes/...}), each pool as the recipe writes it. A field the recipe leaves unset
 * is 0, and the launch keeps what it would use without the recipe.
 *
 * @param recipe            the recipe file
 * @param prefillMaxBatch   prefill requests at once: TensorRT-LLM {@code max_batch_size} (a rank's),
 *                          SGLang {@code max-running-requests} (the worker's)
 * @param prefillMaxTokens  TensorRT-LLM {@code max_num_tokens} (a rank's step), SGLang
 *                          {@code max-prefill-tokens}
 * @param prefillChunk      SGLang {@code chunked-prefill-size} (the worker's); 0 for TensorRT-LLM
 * @param decodeMaxBatch    decode requests at once, as {@code prefillMaxBatch}
 * @param decodeMaxTokens   TensorRT-LLM {@code max_num_tokens} of a decode step; SGLang's decode
 *                          {@code chunked-prefill-size}
 * @param decodeGraphMax    the largest captured decode batch (TensorRT-LLM {@code cuda_graph_config},
 *                          SGLang {@code cuda-graph-max-bs})
 * @param draftTokens       drafts a decode step proposes: TensorRT-LLM {@code num_nextn_predict_layers},
 *                          SGLang {@code speculative-num-steps} (EAGLE with top-k 1 over DeepSeek's MTP
 *                          module); 0 without speculative decoding
 * @param prefillEngine     the prefill engine's memory share, KV cache format and MoE kernel
 * @param decodeEngine      the decode engine's
 */
record MultinodeRecipe(String recipe, int prefillMaxBatch, int prefillMaxTokens, int prefillChunk, int decodeMaxBatch,
                       int decodeMaxTokens, int decodeGraphMax, int draftTokens, RecipePoolEngine prefillEngine,
                       RecipePoolEngine decodeEngine) {
    /**
     * A prefill pool launched with these flags where the recipe sets them, the generator's reading of the
     * row elsewhere ({@link BenchmarkLaunch#prefill(Replica, MeasuredDeployment)}). TensorRT-LLM's
     * {@code max_batch_size} and {@code max_num_tokens} are a rank's; SGLang's {@code max-running-requests}
     * and {@code chunked-prefill-size} are the worker's, split over its attention-DP ranks (server_args
     * {@code _handle_data_parallelism}: "chunked_prefill_size // dp_size"; a rank's request pool holds
     * {@code max_running_requests // dp_size}, model_runner_kv_cache_mixin), while
     * {@code max-prefill-tokens} bounds each rank's prefill batch.
     */
    Replica launchPrefill(Replica replica, MeasuredDeployment row) {
        EngineConfig e = replica.engine();
        boolean sglang = e.profile() == SchedulerProfile.SGLANG;
        int ranks = sglang ? Math.max(1, e.attentionDpRanks()) : 1;
        int batch = prefillMaxBatch > 0 ? Math.max(1, prefillMaxBatch / ranks) : Math.max(1, row.prefill().batch());
        int slack = row.isl() + BenchmarkLaunch.TOKEN_SLACK;
        int tokens = sglang ? (prefillChunk > 0 ? prefillChunk / ranks : e.maxBatchedTokens())
                : (prefillMaxTokens > 0 ? prefillMaxTokens : slack);
        int prefillTokens = sglang && prefillMaxTokens > 0 ? prefillMaxTokens : slack;
        return BenchmarkLaunch.launch(replica, batch, tokens, prefillTokens, batch,
                BenchmarkLaunch.overlapScheduling(e.profile(), row.backendVersion(), true),
                !sglang || prefillChunk > 0);
    }

    /**
     * A decode pool launched with these flags (read as {@link #launchPrefill} reads them), speculating with
     * DeepSeek's MTP module where the recipe does ({@link BenchmarkLaunch#mtpDrafts}).
     */
    Replica launchDecode(Replica replica, MeasuredDeployment row) {
        EngineConfig e = replica.engine();
        boolean sglang = e.profile() == SchedulerProfile.SGLANG;
        int ranks = sglang ? Math.max(1, e.attentionDpRanks()) : 1;
        int batch = decodeMaxBatch > 0 ? Math.max(1, decodeMaxBatch / ranks)
                : row.decode().batch() > 0 ? row.decode().batch() : BenchmarkLaunch.DEFAULT_DECODE_BATCH;
        int tokens = decodeMaxTokens > 0 ? decodeMaxTokens / ranks : batch;
        Replica launched = BenchmarkLaunch.launch(replica, batch, tokens, e.maxPrefillTokens(),
                decodeGraphMax > 0 ? decodeGraphMax : batch,
                BenchmarkLaunch.overlapScheduling(e.profile(), row.backendVersion(), false),
                !sglang || decodeMaxTokens > 0);
        if (draftTokens <= 0) {
            return launched;
        }
        return launched.withEngine(launched.engine().withSpeculative(BenchmarkLaunch.mtpDrafts(draftTokens,
                replica.spec().model())));
    }

    /**
     * Whether two recipes launch the same prefill engine caps (their names and decode pools aside); their
     * {@link RecipePoolEngine}s are compared apart ({@link InferenceXMultinodeSpaces#recipesOf}).
     */
    boolean samePrefill(MultinodeRecipe o) {
        return prefillMaxBatch == o.prefillMaxBatch && prefillMaxTokens == o.prefillMaxTokens
                && prefillChunk == o.prefillChunk;
    }

    /** Whether two recipes launch the same decode engine. */
    boolean sameDecode(MultinodeRecipe o) {
        return decodeMaxBatch == o.decodeMaxBatch && decodeMaxTokens == o.decodeMaxTokens
                && decodeGraphMax == o.decodeGraphMax && draftTokens == o.draftTokens;
    }
}
