package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.sim.ContextWaiting;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;

import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one SemiAnalysis InferenceX launch script ({@code benchmarks/single_node/<file>}) sets for its
 * model, engine and GPU. InferenceX keeps one script per model, precision, GPU and engine, and each
 * sets its own flags, so a measured row takes the flags of the script its campaign ran: the rule is
 * a property of that public script, and it applies to every row that script launched.
 *
 * @param file           the script, as named in the InferenceX repository on the campaign date
 * @param modelPath      the Hugging Face repository the script serves
 * @param precision      the precision its file names ({@code fp8}, {@code fp4}, {@code int4}), matched against
 *                       the row's quantisation labels
 * @param engine         the engine it launches
 * @param system         the GPU system of the script ({@code h200_sxm})
 * @param maxRunning     the engine's running-request limit for a row (--max-num-seqs,
 *                       --max-running-requests, max_batch_size)
 * @param tokenBudget    tokens per step for a row (--max-num-batched-tokens, max_num_tokens, SGLang
 *                       --chunked-prefill-size); 0 keeps the engine's default
 * @param prefillTokens  SGLang --max-prefill-tokens for a row; 0 keeps the default
 * @param cudaGraphMax   the largest CUDA-graph batch; 0 for the running-request limit
 * @param kvFp8          whether the script stores the KV cache in FP8 (--kv-cache-dtype fp8,
 *                       kv_cache_config dtype fp8)
 * @param memoryFraction --gpu-memory-utilization, --mem-fraction-static or free_gpu_memory_fraction;
 *                       0 keeps the engine's default
 * @param marlinMxfp4    whether it exports {@code VLLM_MXFP4_USE_MARLIN=1}
 * @param expertParallel whether it passes --enable-expert-parallel (a row's EP column asked for it), or
 *                       the expert-parallel size it runs
 * @param recvInterval   SGLang --scheduler-recv-interval for a row; 1 where the script leaves it out
 * @param forTp          the script's branch: the TP sizes ($TP) whose flags these are
 * @param contextWaiting how the script makes TensorRT-LLM hold back context requests for a row
 *                       ({@code batch_wait_timeout_iters}, {@code batch_wait_max_tokens_ratio},
 *                       {@code attention_dp_config}); {@link ContextWaiting#NONE} where it leaves them out
 */
record InferenceXScript(String file, String modelPath, String precision, SchedulerProfile engine, String system,
                        ToIntFunction<MeasuredDeployment> maxRunning, ToIntFunction<MeasuredDeployment> tokenBudget,
                        ToIntFunction<MeasuredDeployment> prefillTokens, int cudaGraphMax, boolean kvFp8,
                        double memoryFraction, boolean marlinMxfp4, ExpertParallel expertParallel,
                        ToIntFunction<MeasuredDeployment> recvInterval, IntPredicate forTp,
                        Function<MeasuredDeployment, ContextWaiting> contextWaiting) {
    /** The TP an InferenceX run's result name gives ({@code _tp8_ep8_}, {@code _tp8_0_ep8_0_}). */
    static final Pattern NAMED_LAYOUT = Pattern.compile("_tp(\\d+)(?:_\\d+)?_ep(\\d+)(?:_\\d+)?(?:_|$)");

    /** A script with one set of flags for every TP, without a receive interval. */
    InferenceXScript(String file, String modelPath, String precision, SchedulerProfile engine, String system,
                     ToIntFunction<MeasuredDeployment> maxRunning, ToIntFunction<MeasuredDeployment> tokenBudget,
                     ToIntFunction<MeasuredDeployment> prefillTokens, int cudaGraphMax, boolean kvFp8,
                     double memoryFraction, boolean marlinMxfp4, ExpertParallel expertParallel) {
        this(file, modelPath, precision, engine, system, maxRunning, tokenBudget, prefillTokens, cudaGraphMax, kvFp8,
                memoryFraction, marlinMxfp4, expertParallel, row -> 1, tp -> true, row -> ContextWaiting.NONE);
    }

    /** A script whose flags may depend on its TP branch and that sets a receive interval, holding no contexts back. */
    InferenceXScript(String file, String modelPath, String precision, SchedulerProfile engine, String system,
                     ToIntFunction<MeasuredDeployment> maxRunning, ToIntFunction<MeasuredDeployment> tokenBudget,
                     ToIntFunction<MeasuredDeployment> prefillTokens, int cudaGraphMax, boolean kvFp8,
                     double memoryFraction, boolean marlinMxfp4, ExpertParallel expertParallel,
                     ToIntFunction<MeasuredDeployment> recvInterval, IntPredicate forTp) {
        this(file, modelPath, precision, engine, system, maxRunning, tokenBudget, prefillTokens, cudaGraphMax, kvFp8,
                memoryFraction, marlinMxfp4, expertParallel, recvInterval, forTp, row -> ContextWaiting.NONE);
    }

    /**
     * The $TP a row's script ran with: from its result name where it has one (InferenceX's
     * RESULT_FILENAME ..._tp${TP}-ep${EP_SIZE}..., .github/workflows/benchmark-tmpl.yml), else the
     * GPUs of its recorded aggregated layout; 0 for a disaggregated row without such a name (the
     * single-node scripts launch one aggregated engine).
     */
    static int scriptTp(MeasuredDeployment row) {
        Matcher named = NAMED_LAYOUT.matcher(row.id());
        if (named.find()) {
            return Integer.parseInt(named.group(1));
        }
        return row.agg() == null ? 0 : row.agg().tp() * Math.max(1, row.agg().dp());
    }

    /** When the script passes --enable-expert-parallel. */
    enum ExpertParallel {
        /** Only when the row's EP size is above 1 ({@code if [ "$EP_SIZE" -gt 1 ]}). */
        WHEN_ASKED,
        /** Always ({@code if [ "$EP_SIZE" -ge 1 ]}, true for every row). */
        ALWAYS,
        /** As the row records it (the engine takes --ep_size / --expert-parallel-size). */
        AS_RECORDED,
        /**
         * Equal to $TP whatever the row records: the script's configuration puts every TP on as many
         * expert-parallel ranks (DeepSeek-R1 FP8 on the H200 with TensorRT-LLM, see
         * {@link InferenceXScripts}).
         */
        EQUALS_TP
    }

    boolean launched(MeasuredDeployment row) {
        // InferenceX's configurations serve re-releases and vendor exports of the script's model
        // (nvidia-master.yaml: dsr1-fp8-b200-sglang serves deepseek-ai/DeepSeek-R1-0528, kimik2.5-fp4-b200-vllm
        // nvidia/Kimi-K2.5-NVFP4), so a row names the script's model by its base architecture
        boolean model = row.modelPath().equals(modelPath)
                || ModelResolver.bundledId(row.modelPath()).equals(ModelResolver.bundledId(modelPath))
                || InferenceXRowName.modelPath(row.id()).filter(modelPath::equals).isPresent();
        return model && SchedulerProfile.of(row.backend()) == engine
                && row.system().equals(system) && precision.equals(precisionOf(row)) && forTp.test(scriptTp(row));
    }

    /** The precision a row's labels name: fp8, fp4 (nvfp4, mxfp4), int4, or bf16 when unlabelled. */
    static String precisionOf(MeasuredDeployment row) {
        String label = (row.gemmQuant().isEmpty() ? row.moeQuant() : row.gemmQuant()).toLowerCase(java.util.Locale.ROOT);
        if (label.startsWith("fp8")) {
            return "fp8";
        }
        if (label.contains("fp4")) {
            return "fp4";
        }
        if (label.startsWith("int4") || label.startsWith("w4a")) {
            return "int4";
        }
        return "bf16";
    }
}
