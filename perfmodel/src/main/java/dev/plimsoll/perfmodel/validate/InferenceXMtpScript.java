package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.ContextBatchWait;
import dev.plimsoll.perfmodel.sim.ContextWaiting;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;

import static dev.plimsoll.perfmodel.validate.InferenceXScript.ExpertParallel.AS_RECORDED;

/**
 * InferenceX's speculative-decoding launch scripts (benchmarks/single_node/*_mtp.sh at commit 12ba0ae,
 * 2026-03-25) and the rule that says which rows they launched. A row records no speculative-decoding
 * column; it is an MTP run when its point (model-prefix, runner, precision, framework, ISL/OSL,
 * concurrency, TP, EP, attention DP) is defined by an {@code -mtp} configuration's search space and by
 * no plain configuration ({@link InferenceXSearchSpaces}); a point both define is scored as plain.
 *
 * <p>The TensorRT-LLM MTP scripts share one shape: {@code speculative_config: decoding_type: MTP,
 * num_nextn_predict_layers: $MTP} with MTP 3, or 1 when DP_ATTENTION is true; {@code --max_batch_size
 * $MAX_BATCH_SIZE} (CONC, or a share of CONC per attention-DP rank); {@code --max_num_tokens
 * ((MTP+1) x MAX_BATCH_SIZE + ISL + 64 + 63) / 64 x 64}; KV cache in FP8, block reuse off.
 *
 * @param config      the InferenceX configuration ({@code dsr1-fp8-h200-trt-mtp})
 * @param script      the launch flags it shares with the plain scripts
 * @param draftTokens the draft tokens each step proposes for a row (TensorRT-LLM num_nextn_predict_layers,
 *                    SGLang --speculative-num-steps with --speculative-eagle-topk 1)
 */
record InferenceXMtpScript(String config, InferenceXScript script, ToIntFunction<MeasuredDeployment> draftTokens) {
    /** The TensorRT-LLM MTP scripts' $MTP without attention DP. */
    static final int TRT_MTP = 3;
    /** The TensorRT-LLM MTP scripts' $MTP with attention DP. */
    static final int TRT_MTP_DP = 1;
    /** dsr1_fp8_b200_mtp.sh's SPECULATIVE_NUM_STEPS with SPECULATIVE_EAGLE_TOPK 1: the drafts a step proposes. */
    static final int SGLANG_DSR1_B200_STEPS = 2;

    static final List<InferenceXMtpScript> SCRIPTS = List.of(
            // dsr1_fp8_h200_trt_mtp.sh: MAX_BATCH_SIZE = CONC, or CONC/TP (at least 1) with DP_ATTENTION;
            // cuda_graph_config max_batch_size 128; kv_cache_config dtype fp8, free_gpu_memory_fraction 0.75;
            // moe_config backend CUTLASS; the attention_dp_config of dsr1_fp8_h200_trt.sh
            new InferenceXMtpScript("dsr1-fp8-h200-trt-mtp",
                    trt("dsr1_fp8_h200_trt_mtp.sh", "fp8", "h200_sxm",
                            row -> dpAttention(row) ? Math.max(1, row.concurrency() / InferenceXScript.scriptTp(row))
                                    : row.concurrency(), 128),
                    InferenceXMtpScript::trtMtp),
            // dsr1_fp8_b200_trt_mtp.sh: MAX_BATCH_SIZE = CONC, or (CONC < 8 ? CONC : CONC/8) with DP_ATTENTION;
            // cuda_graph_config max_batch_size $MAX_BATCH_SIZE; free_gpu_memory_fraction 0.8, 0.7 with DP_ATTENTION
            new InferenceXMtpScript("dsr1-fp8-b200-trt-mtp",
                    trt("dsr1_fp8_b200_trt_mtp.sh", "fp8", "b200_sxm",
                            row -> dpAttention(row) && row.concurrency() >= 8 ? row.concurrency() / 8
                                    : row.concurrency(), 0),
                    InferenceXMtpScript::trtMtp),
            // dsr1_fp4_b200_trt_mtp.sh: MAX_BATCH_SIZE = CONC, or (CONC < 4 ? CONC : CONC/4) with DP_ATTENTION;
            // cuda_graph_config max_batch_size $MAX_BATCH_SIZE; free_gpu_memory_fraction 0.8
            new InferenceXMtpScript("dsr1-fp4-b200-trt-mtp",
                    trt("dsr1_fp4_b200_trt_mtp.sh", "fp4", "b200_sxm",
                            row -> dpAttention(row) && row.concurrency() >= 4 ? row.concurrency() / 4
                                    : row.concurrency(), 0),
                    InferenceXMtpScript::trtMtp),
            // dsr1_fp8_b200_mtp.sh (SGLang, TP 8 only): --speculative-algorithm EAGLE --speculative-num-steps 2
            // --speculative-eagle-topk 1 --speculative-num-draft-tokens 3 (the model's NextN module proposes
            // 2 tokens, the target verifies 3); --max-running-requests 512 --cuda-graph-max-bs 512
            // --mem-fraction-static 0.82 --chunked-prefill-size 16384 --max-prefill-tokens 16384
            // --kv-cache-dtype fp8_e4m3 --ep-size $EP_SIZE --scheduler-recv-interval 30 from 16 clients, else 10
            new InferenceXMtpScript("dsr1-fp8-b200-sglang-mtp",
                    new InferenceXScript("dsr1_fp8_b200_mtp.sh", "deepseek-ai/DeepSeek-R1", "fp8",
                            SchedulerProfile.SGLANG, "b200_sxm", row -> Math.min(512, row.concurrency()),
                            row -> 16384, row -> 16384, 512, true, 0.82, false, AS_RECORDED,
                            InferenceXScripts.RECV_BY_CONC, tp -> tp == 8),
                    row -> SGLANG_DSR1_B200_STEPS));

    /**
     * The MTP script that launched an InferenceX row, when the search spaces read its point as an MTP
     * run and its script is transcribed here (qwen3.5_fp8_b200_mtp.sh is not: no public acceptance rate
     * of Qwen3.5's MTP module is at hand, and its rows keep their plain script's flags).
     */
    static Optional<InferenceXMtpScript> of(MeasuredDeployment row) {
        return point(row).map(InferenceXSearchSpaces.bundled()::read)
                .flatMap(InferenceXSearchSpaces.Match::mtpConfig)
                .flatMap(config -> SCRIPTS.stream().filter(s -> s.config().equals(config)
                        && s.script().launched(row)).findFirst());
    }

    /**
     * A row's point of InferenceX's matrix: the model-prefix of its model, the runner its system names
     * ({@code h200_sxm} runs as {@code h200}), the framework of its engine, and the $TP / $EP_SIZE /
     * $DP_ATTENTION its result name or layout columns give (BenchmarkLaunch.aggregatedLayout reads
     * the same). Empty for a disaggregated row or a model without an InferenceX configuration.
     */
    static Optional<InferenceXSearchSpaces.Point> point(MeasuredDeployment row) {
        if (row.disaggregated() || row.agg() == null) {
            return Optional.empty();
        }
        Optional<String> prefix = InferenceXRowName.modelPrefix(row);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        String framework;
        try {
            framework = framework(SchedulerProfile.of(row.backend()));
        } catch (UserInputException unknownEngine) {
            // an engine InferenceX does not run has no configuration; the planner reports the engine
            return Optional.empty();
        }
        Matcher named = InferenceXScript.NAMED_LAYOUT.matcher(row.id());
        int ep = named.find() ? Integer.parseInt(named.group(2)) : row.agg().moeEp();
        String runner = row.system().toLowerCase(Locale.ROOT).split("_")[0];
        return Optional.of(new InferenceXSearchSpaces.Point(prefix.get(), runner, InferenceXScript.precisionOf(row),
                framework, row.isl(), row.osl(), InferenceXScript.scriptTp(row), Math.max(1, ep), dpAttention(row),
                row.concurrency()));
    }

    /** The framework field of InferenceX's configurations for an engine. */
    static String framework(SchedulerProfile engine) {
        switch (engine) {
            case TRTLLM:
                return "trt";
            case SGLANG:
                return "sglang";
            default:
                return "vllm";
        }
    }

    /** $DP_ATTENTION: the row's layout runs attention data parallel. */
    static boolean dpAttention(MeasuredDeployment row) {
        return row.agg() != null && row.agg().dp() > 1;
    }

    /** $MTP of the TensorRT-LLM MTP scripts: 3, or 1 with attention DP. */
    static int trtMtp(MeasuredDeployment row) {
        return dpAttention(row) ? TRT_MTP_DP : TRT_MTP;
    }

    /** --max_num_tokens of the TensorRT-LLM MTP scripts: ((MTP+1) x MAX_BATCH_SIZE + ISL + 64 + 63) / 64 x 64. */
    static int trtMtpTokens(MeasuredDeployment row, int maxBatch) {
        return ((trtMtp(row) + 1) * maxBatch + row.isl() + 64 + 63) / 64 * 64;
    }

    /**
     * A TensorRT-LLM MTP script of DeepSeek-R1.
     *
     * @param cudaGraphMax its cuda_graph_config max_batch_size; 0 for $MAX_BATCH_SIZE
     */
    private static InferenceXScript trt(String file, String precision, String system,
                                        ToIntFunction<MeasuredDeployment> maxBatch, int cudaGraphMax) {
        return new InferenceXScript(file, "deepseek-ai/DeepSeek-R1", precision, SchedulerProfile.TRTLLM, system,
                maxBatch, row -> trtMtpTokens(row, maxBatch.applyAsInt(row)), row -> 0, cudaGraphMax, true, 0,
                false, AS_RECORDED, row -> 1, tp -> true,
                row -> new ContextWaiting(ContextBatchWait.NONE, InferenceXScripts.DSR1_TRT_ADP));
    }
}
