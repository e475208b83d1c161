package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.cost.Nvfp4MoeKernel;
import dev.plimsoll.perfmodel.cost.SglangAttentionBackend;
import dev.plimsoll.perfmodel.cost.VllmServerDefaults;
import dev.plimsoll.perfmodel.sim.AttentionDpBalance;
import dev.plimsoll.perfmodel.sim.ContextBatchWait;
import dev.plimsoll.perfmodel.sim.ContextWaiting;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import static dev.plimsoll.perfmodel.validate.InferenceXScript.ExpertParallel.ALWAYS;
import static dev.plimsoll.perfmodel.validate.InferenceXScript.ExpertParallel.AS_RECORDED;
import static dev.plimsoll.perfmodel.validate.InferenceXScript.ExpertParallel.EQUALS_TP;
import static dev.plimsoll.perfmodel.validate.InferenceXScript.ExpertParallel.WHEN_ASKED;

/**
 * The InferenceX launch scripts of the measured campaigns (SemiAnalysisAI/InferenceX,
 * benchmarks/single_node/*.sh at commit 51e31df of 2026-04-06, the later campaign's date; the
 * scripts also served the 2026-03-25 campaign), for the H100, H200 and B200. A script that branches on
 * the run's TP has an entry per branch ({@link InferenceXScript#forTp}); flags that depend on the
 * concurrency, ISL or OSL are functions of the row. The MTP variants (*_mtp.sh) launched a row only
 * where InferenceX's search spaces leave no other reading of its point ({@link InferenceXMtpScript}):
 * a row does not record whether its run used speculative decoding. Flags a script leaves out keep the engine's
 * default: vLLM's OpenAI server on GPUs of 70 GiB or more runs 1024 sequences and 8192 batched
 * tokens (vllm/engine/arg_utils.py, _set_default_args), TensorRT-LLM's trtllm-serve 2048 requests
 * and 8192 tokens (its llmapi defaults), SGLang sizes its chunk by GPU memory (SglangDefaults).
 */
final class InferenceXScripts {
    /** vLLM's OpenAI-server default --max-num-batched-tokens on the scripts' GPUs (70 GiB or more, not A100). */
    static final int VLLM_SERVER_TOKENS = VllmServerDefaults.LARGE_BATCHED_TOKENS;
    /** vLLM's OpenAI-server default --max-num-seqs on the scripts' GPUs (70 GiB or more, not A100). */
    static final int VLLM_SERVER_SEQS = VllmServerDefaults.LARGE_MAX_NUM_SEQS;

    private static final ToIntFunction<MeasuredDeployment> CONC = MeasuredDeployment::concurrency;
    private static final ToIntFunction<MeasuredDeployment> DEFAULT = row -> 0;
    /**
     * SGLang --scheduler-recv-interval of InferenceX's B200 SGLang scripts (dsr1_fp4_b200.sh,
     * dsr1_fp8_b200.sh at TP 8, qwen3.5_{fp8,bf16}_b200.sh): 30 from 16 clients on, 10 below.
     */
    static final ToIntFunction<MeasuredDeployment> RECV_BY_CONC = row -> row.concurrency() >= 16 ? 30 : 10;

    /**
     * The DeepSeek-R1 TensorRT-LLM scripts' attention_dp_config when they enable attention DP
     * (dsr1_fp8_h200_trt.sh, dsr1_fp{8,4}_b200_trt.sh): batching_wait_iters 0, enable_balance true,
     * timeout_iters 60. The engine applies it only where it runs attention DP.
     */
    static final AttentionDpBalance DSR1_TRT_ADP = AttentionDpBalance.on(60, 0);
    /**
     * DeepSeek-R1 FP8 on the H200 with TensorRT-LLM ran its experts over as many ranks as its TP in every
     * InferenceX run: the script's first version set {@code EP_SIZE="$TP"} before launching
     * {@code trtllm-serve --tp_size=$TP --ep_size=$EP_SIZE} (benchmarks/dsr1_fp8_h200_trt_slurm.sh, commit
     * ec90f3fe7 of 2025-09-18, "Update DSR1 TRT-LLM FP4 and add TRT FP8", unchanged until the configurations
     * moved into .github/configs/nvidia-master.yaml), and every search-space entry of
     * {@code dsr1-fp8-h200-trt} and {@code dsr1-fp8-h200-trt-mtp} since (commit 17d5e204f of 2025-11-03 to
     * 12ba0ae) is {@code tp: 8, ep: 8} under the comment "For all sequence lengths, EP=TP". A row whose
     * columns record expert tensor parallelism instead ({@code dsr1_h200_trtllm_fp8_agg_..._cfg83}: moe_tp 8,
     * moe_ep 1) ran with EP 8.
     */
    static final InferenceXScript.ExpertParallel DSR1_H200_TRT_EP = EQUALS_TP;
    /** DeepSeek-R1 TensorRT-LLM scripts without batch waiting: the attention-DP balance alone. */
    private static final Function<MeasuredDeployment, ContextWaiting> DSR1_TRT_WAIT =
            row -> new ContextWaiting(ContextBatchWait.NONE, DSR1_TRT_ADP);
    /**
     * gptoss_fp4_b200_trt.sh with DP_ATTENTION: {@code attention_dp_config: enable_balance: true},
     * TensorRT-LLM's defaults otherwise (timeout_iters 50, batching_wait_iters 10; llm_args.py).
     */
    private static final Function<MeasuredDeployment, ContextWaiting> GPTOSS_B200_TRT_WAIT =
            row -> new ContextWaiting(ContextBatchWait.NONE, AttentionDpBalance.on(50, 10));

    static final List<InferenceXScript> SCRIPTS = List.of(
            // config.yaml: max-num-batched-tokens 8192, max-cudagraph-capture-size 2048; --max-num-seqs $CONC;
            // export VLLM_MXFP4_USE_MARLIN=1
            new InferenceXScript("gptoss_fp4_h100.sh", "openai/gpt-oss-120b", "fp4", SchedulerProfile.VLLM, "h100_sxm",
                    CONC, row -> 8192, DEFAULT, 0, false, 0.9, true, WHEN_ASKED),
            new InferenceXScript("gptoss_fp4_h200.sh", "openai/gpt-oss-120b", "fp4", SchedulerProfile.VLLM, "h200_sxm",
                    CONC, row -> 8192, DEFAULT, 0, false, 0.9, true, WHEN_ASKED),
            // trtllm-serve --max_batch_size $CONC --max_num_tokens 20000; cuda_graph_config max_batch_size $CONC;
            // kv_cache_config dtype auto; --ep_size=$EP_SIZE. (free_gpu_memory_fraction 0.85 is a share of the
            // memory left after the weights, not of the GPU: trtFreeMemoryFraction, not the memory fraction.)
            new InferenceXScript("gptoss_fp4_h200_trt.sh", "openai/gpt-oss-120b", "fp4", SchedulerProfile.TRTLLM,
                    "h200_sxm", CONC, row -> 20000, DEFAULT, 0, false, 0, false, AS_RECORDED),
            // --gpu-memory-utilization 0.90 --max-num-seqs 256, EP when EP_SIZE > 1
            new InferenceXScript("minimaxm2.5_fp8_h100.sh", "MiniMaxAI/MiniMax-M2.5", "fp8", SchedulerProfile.VLLM,
                    "h100_sxm", row -> Math.min(256, row.concurrency()), row -> VLLM_SERVER_TOKENS, DEFAULT, 0,
                    false, 0.9, false, WHEN_ASKED),
            // --gpu-memory-utilization 0.95, no --max-num-seqs, EP whenever EP_SIZE >= 1 (since commit 5e2c705,
            // 2026-03-13, which also moved the configuration from TP 4 to TP 8)
            new InferenceXScript("minimaxm2.5_fp8_h200.sh", "MiniMaxAI/MiniMax-M2.5", "fp8", SchedulerProfile.VLLM,
                    "h200_sxm", row -> Math.min(VLLM_SERVER_SEQS, row.concurrency()), row -> VLLM_SERVER_TOKENS,
                    DEFAULT, 0, false, 0.95, false, ALWAYS, row -> 1, tp -> tp != 4, row -> ContextWaiting.NONE),
            // the script's first version (commit a363464, 2026-03-01, vLLM v0.16.0), the only one with a TP 4
            // configuration (tp: 4, conc 4-64 for every sequence length): --gpu-memory-utilization 0.95 and no
            // --enable-expert-parallel, so the experts ran tensor-parallel
            new InferenceXScript("minimaxm2.5_fp8_h200.sh", "MiniMaxAI/MiniMax-M2.5", "fp8", SchedulerProfile.VLLM,
                    "h200_sxm", row -> Math.min(VLLM_SERVER_SEQS, row.concurrency()), row -> VLLM_SERVER_TOKENS,
                    DEFAULT, 0, false, 0.95, false, WHEN_ASKED, row -> 1, tp -> tp == 4, row -> ContextWaiting.NONE),
            // --gpu-memory-utilization 0.95 --max-num-seqs $CONC
            new InferenceXScript("kimik2.5_int4_h200.sh", "moonshotai/Kimi-K2.5", "int4", SchedulerProfile.VLLM, "h200_sxm",
                    CONC, row -> VLLM_SERVER_TOKENS, DEFAULT, 0, false, 0.95, false, WHEN_ASKED),
            // --max-running-requests 512 (1k/1k) or 256, --chunked-prefill-size 32768,
            // --max-prefill-tokens 32768, --mem-fraction-static 0.82, --cuda-graph-max-bs as the requests
            new InferenceXScript("dsr1_fp8_h200.sh", "deepseek-ai/DeepSeek-R1", "fp8", SchedulerProfile.SGLANG, "h200_sxm",
                    row -> Math.min(row.isl() == 1024 && row.osl() == 1024 ? 512 : 256, row.concurrency()),
                    row -> 32768, row -> 32768, 0, false, 0.82, false, AS_RECORDED),
            // cuda_graph_config max_batch_size 128; kv_cache_config dtype fp8 (free_gpu_memory_fraction 0.75 of
            // the memory after the weights: trtFreeMemoryFraction); --max_num_tokens = max(8192, CONC + ISL + 64 rounded
            // up to 64); no --max_batch_size: trtllm-serve's 2048, so every client runs; --ep_size equal to --tp_size
            // in every run (DSR1_H200_TRT_EP)
            new InferenceXScript("dsr1_fp8_h200_trt.sh", "deepseek-ai/DeepSeek-R1", "fp8", SchedulerProfile.TRTLLM,
                    "h200_sxm", CONC, InferenceXScripts::trtTokens,
                    DEFAULT, 128, true, 0, false, DSR1_H200_TRT_EP, row -> 1, tp -> true, DSR1_TRT_WAIT),
            // --mem-fraction-static 0.85, otherwise SGLang's defaults
            new InferenceXScript("glm5_fp8_h200.sh", "zhipuai/GLM-5", "fp8", SchedulerProfile.SGLANG, "h200_sxm",
                    CONC, DEFAULT, DEFAULT, 0, false, 0.85, false, AS_RECORDED),
            // --max-running-requests 128 --chunked-prefill-size 16384 --mem-fraction-static 0.8
            // --cuda-graph-max-bs $CONC --kv-cache-dtype fp8_e4m3 --expert-parallel-size $EP_SIZE
            new InferenceXScript("qwen3.5_fp8_h200.sh", "Qwen/Qwen3.5-397B-A17B", "fp8", SchedulerProfile.SGLANG,
                    "h200_sxm", row -> Math.min(128, row.concurrency()), row -> 16384, DEFAULT, 0, true, 0.8, false,
                    AS_RECORDED));

    /** The B200 scripts of the same campaign: their flags where they do not depend on the run. */
    static final List<InferenceXScript> B200 = List.of(
            // config.yaml: kv-cache-dtype fp8, max-num-batched-tokens 8192; --max-num-seqs 512,
            // --gpu-memory-utilization 0.9; no VLLM_MXFP4_USE_MARLIN (FlashInfer MXFP4 x MXFP8 experts)
            new InferenceXScript("gptoss_fp4_b200.sh", "openai/gpt-oss-120b", "fp4", SchedulerProfile.VLLM,
                    "b200_sxm", row -> Math.min(512, row.concurrency()), row -> 8192, DEFAULT, 0, true, 0.9, false,
                    WHEN_ASKED),
            // --max_batch_size 512 --max_num_tokens 20000; cuda_graph_config max_batch_size $CONC;
            // kv_cache_config dtype fp8
            new InferenceXScript("gptoss_fp4_b200_trt.sh", "openai/gpt-oss-120b", "fp4", SchedulerProfile.TRTLLM,
                    "b200_sxm", row -> Math.min(512, row.concurrency()), row -> 20000, DEFAULT, 0, true, 0, false,
                    AS_RECORDED, row -> 1, tp -> true, GPTOSS_B200_TRT_WAIT),
            // --gpu-memory-utilization 0.90 --kv-cache-dtype fp8 --max-num-batched-tokens $((ISL * 2)),
            // EP when EP_SIZE > 1
            new InferenceXScript("minimaxm2.5_fp8_b200.sh", "MiniMaxAI/MiniMax-M2.5", "fp8", SchedulerProfile.VLLM,
                    "b200_sxm", row -> Math.min(VLLM_SERVER_SEQS, row.concurrency()), row -> 2 * row.isl(), DEFAULT,
                    0, true, 0.9, false, WHEN_ASKED),
            // --gpu-memory-utilization 0.95 --max-num-seqs $CONC
            new InferenceXScript("kimik2.5_int4_b200.sh", "moonshotai/Kimi-K2.5", "int4", SchedulerProfile.VLLM,
                    "b200_sxm", CONC, row -> VLLM_SERVER_TOKENS, DEFAULT, 0, false, 0.95, false, WHEN_ASKED),
            // --gpu-memory-utilization 0.90 --max-num-seqs $CONC
            new InferenceXScript("kimik2.5_fp4_b200.sh", "moonshotai/Kimi-K2.5", "fp4", SchedulerProfile.VLLM,
                    "b200_sxm", CONC, row -> VLLM_SERVER_TOKENS, DEFAULT, 0, false, 0.9, false, WHEN_ASKED),
            // --chunked-prefill-size 16384 --max-running-requests 256 --cuda-graph-max-bs 256
            // --kv-cache-dtype fp8_e4m3 --mem-fraction-static 0.85 --ep-size $EP_SIZE
            // --scheduler-recv-interval $SCHEDULER_RECV_INTERVAL (30 when CONC >= 16, else 10)
            new InferenceXScript("dsr1_fp4_b200.sh", "deepseek-ai/DeepSeek-R1", "fp4", SchedulerProfile.SGLANG,
                    "b200_sxm", row -> Math.min(256, row.concurrency()), row -> 16384, DEFAULT, 256, true, 0.85,
                    false, AS_RECORDED, RECV_BY_CONC, tp -> true),
            // TP 8 branch: --max-running-requests 128 --cuda-graph-max-bs 128 --mem-fraction-static 0.82
            // --chunked-prefill-size 32768 --max-prefill-tokens 32768 --kv-cache-dtype fp8_e4m3 --ep-size $EP_SIZE
            // --scheduler-recv-interval 30 when CONC >= 16, else 10
            new InferenceXScript("dsr1_fp8_b200.sh", "deepseek-ai/DeepSeek-R1", "fp8", SchedulerProfile.SGLANG,
                    "b200_sxm", row -> Math.min(128, row.concurrency()), row -> 32768, row -> 32768, 128, true, 0.82,
                    false, AS_RECORDED, RECV_BY_CONC, tp -> tp != 4),
            // TP 4 branch (ISL 8192 / OSL 1024 only): --max-running-requests 32 --cuda-graph-max-bs 32
            // --mem-fraction-static 0.95 --chunked-prefill-size 8192 --max-prefill-tokens 8192
            // --scheduler-recv-interval 10
            new InferenceXScript("dsr1_fp8_b200.sh", "deepseek-ai/DeepSeek-R1", "fp8", SchedulerProfile.SGLANG,
                    "b200_sxm", row -> Math.min(32, row.concurrency()), row -> 8192, row -> 8192, 32, true, 0.95,
                    false, AS_RECORDED, row -> 10, tp -> tp == 4),
            // --max-running-requests 128 --cuda-graph-max-bs $CONC --mem-fraction-static 0.82
            // --chunked-prefill-size 32768 --max-prefill-tokens 32768 --kv-cache-dtype fp8_e4m3 --ep-size $EP_SIZE
            // --scheduler-recv-interval 30 when CONC >= 16, else 10
            new InferenceXScript("qwen3.5_fp8_b200.sh", "Qwen/Qwen3.5-397B-A17B", "fp8", SchedulerProfile.SGLANG,
                    "b200_sxm", row -> Math.min(128, row.concurrency()), row -> 32768, row -> 32768, 0, true, 0.82,
                    false, AS_RECORDED, RECV_BY_CONC, tp -> true),
            // as qwen3.5_fp8_b200.sh without --quantization fp8 and --kv-cache-dtype (BF16 weights and KV)
            new InferenceXScript("qwen3.5_bf16_b200.sh", "Qwen/Qwen3.5-397B-A17B", "bf16", SchedulerProfile.SGLANG,
                    "b200_sxm", row -> Math.min(128, row.concurrency()), row -> 32768, row -> 32768, 0, false, 0.82,
                    false, AS_RECORDED, RECV_BY_CONC, tp -> true),
            // kv_cache_config dtype fp8; --max_num_tokens = max(8192, CONC + ISL + 64 rounded up to 64);
            // DELAY_BATCHING at 1k/1k from 64 clients: batch_wait_timeout_iters 40, batch_wait_max_tokens_ratio 0.8
            new InferenceXScript("dsr1_fp8_b200_trt.sh", "deepseek-ai/DeepSeek-R1", "fp8", SchedulerProfile.TRTLLM,
                    "b200_sxm", CONC, InferenceXScripts::trtTokens, DEFAULT, 0, true, 0, false, AS_RECORDED,
                    row -> 1, tp -> true, InferenceXScripts::dsr1Fp8B200TrtWait),
            new InferenceXScript("dsr1_fp4_b200_trt.sh", "deepseek-ai/DeepSeek-R1", "fp4", SchedulerProfile.TRTLLM,
                    "b200_sxm", CONC, InferenceXScripts::trtTokens, DEFAULT, 0, true, 0, false, AS_RECORDED,
                    row -> 1, tp -> true, DSR1_TRT_WAIT),
            // --chunked-prefill-size 32768 --max-prefill-tokens 32768 --max-running-requests $CONC
            // --cuda-graph-max-bs $CONC --kv-cache-dtype fp8_e4m3 --mem-fraction-static 0.85
            new InferenceXScript("glm5_fp8_b200.sh", "zhipuai/GLM-5", "fp8", SchedulerProfile.SGLANG, "b200_sxm",
                    CONC, row -> 32768, row -> 32768, 0, true, 0.85, false, AS_RECORDED),
            // --chunked-prefill-size 131072 --max-running-requests $CONC --mem-fraction-static 0.80
            new InferenceXScript("glm5_fp4_b200.sh", "zhipuai/GLM-5", "fp4", SchedulerProfile.SGLANG, "b200_sxm",
                    CONC, row -> 131072, DEFAULT, 0, false, 0.8, false, AS_RECORDED));

    /**
     * TensorRT-LLM batch waiting of the Llama-3.1-70B scripts: "For 1k/1k, use
     * batch_wait_max_tokens_ratio and batch_wait_timeout_iters will improve the performance, by default
     * they are all zeros" ({@code if [[ "$ISL" == "1024" && "$OSL" == "1024" && ${TP} -lt 8 ]]}:
     * batch_wait_max_tokens_ratio 0.9, batch_wait_timeout_iters 20; InferenceX commit 73ef922,
     * "Add delay batching tuning for 70B", 2025-09-18).
     */
    static ContextWaiting llama70bTrtWait(MeasuredDeployment row) {
        boolean oneKOneK = row.isl() == 1024 && row.osl() == 1024;
        return oneKOneK && InferenceXScript.scriptTp(row) < 8
                ? new ContextWaiting(new ContextBatchWait(20, 0.9), AttentionDpBalance.OFF) : ContextWaiting.NONE;
    }

    /**
     * dsr1_fp8_b200_trt.sh: {@code DELAY_BATCHING="true"} when ISL and OSL are 1024 and CONC >= 64,
     * which adds batch_wait_timeout_iters 40 and batch_wait_max_tokens_ratio 0.8 to its options (the
     * engine ignores them where the run also enables attention DP).
     */
    static ContextWaiting dsr1Fp8B200TrtWait(MeasuredDeployment row) {
        boolean oneKOneK = row.isl() == 1024 && row.osl() == 1024;
        ContextBatchWait batch = oneKOneK && row.concurrency() >= 64
                ? new ContextBatchWait(40, 0.8) : ContextBatchWait.NONE;
        return new ContextWaiting(batch, DSR1_TRT_ADP);
    }

    /**
     * InferenceX's Llama-3.1-70B scripts (benchmarks/70b_fp8_{h200,b200}_trt_slurm.sh and
     * 70b_fp4_b200_trt_slurm.sh as they stood at commit 026d16b82^ of 2025-10-29, before InferenceX
     * retired its Llama configurations): {@code trtllm-serve --tp_size $TP --max_num_tokens 16384}
     * with no --max_batch_size (trtllm-serve's 2048, so every client runs); cuda_graph_config
     * max_batch_size 1024 with padding; kv_cache_config dtype fp8, enable_block_reuse false;
     * stream_interval 10; and the 1k/1k batch waiting of {@link #llama70bTrtWait}.
     */
    static final List<InferenceXScript> LLAMA_70B = List.of(
            new InferenceXScript("70b_fp8_h200_trt_slurm.sh", "meta-llama/Llama-3.1-70B", "fp8",
                    SchedulerProfile.TRTLLM, "h200_sxm", CONC, row -> 16384, DEFAULT, 1024, true, 0, false,
                    AS_RECORDED, row -> 1, tp -> true, InferenceXScripts::llama70bTrtWait),
            new InferenceXScript("70b_fp8_b200_trt_slurm.sh", "meta-llama/Llama-3.1-70B", "fp8",
                    SchedulerProfile.TRTLLM, "b200_sxm", CONC, row -> 16384, DEFAULT, 1024, true, 0, false,
                    AS_RECORDED, row -> 1, tp -> true, InferenceXScripts::llama70bTrtWait),
            new InferenceXScript("70b_fp4_b200_trt_slurm.sh", "meta-llama/Llama-3.1-70B", "fp4",
                    SchedulerProfile.TRTLLM, "b200_sxm", CONC, row -> 16384, DEFAULT, 1024, true, 0, false,
                    AS_RECORDED, row -> 1, tp -> true, InferenceXScripts::llama70bTrtWait));

    private InferenceXScripts() {
    }

    /**
     * The script that launched an InferenceX row, if the campaign's scripts include it: its MTP script
     * where the row is read as an MTP run ({@link InferenceXMtpScript#of}), else its plain script.
     */
    static Optional<InferenceXScript> of(MeasuredDeployment row) {
        Optional<InferenceXScript> mtp = InferenceXMtpScript.of(row).map(InferenceXMtpScript::script);
        if (mtp.isPresent()) {
            return mtp;
        }
        return java.util.stream.Stream.of(SCRIPTS, B200, LLAMA_70B).flatMap(List::stream)
                .filter(s -> s.launched(row)).findFirst();
    }

    /**
     * The kernel a script's TensorRT-LLM launch runs for NVFP4 experts ({@code moe_config.backend}):
     * {@code dsr1_fp4_b200_trt.sh} and {@code dsr1_fp4_b200_trt_mtp.sh} set {@code MOE_BACKEND="TRTLLM"} and
     * switch to {@code "CUTLASS"} when {@code DP_ATTENTION} is true (the row's attention-DP layout); a script
     * that does not set it leaves the choice unknown ({@link Nvfp4MoeKernel#ANY}).
     */
    static Nvfp4MoeKernel nvfp4MoeKernel(String file, MeasuredDeployment row) {
        switch (file) {
            case "dsr1_fp4_b200_trt.sh":
            case "dsr1_fp4_b200_trt_mtp.sh":
                return row.agg() != null && row.agg().dp() > 1 ? Nvfp4MoeKernel.CUTLASS : Nvfp4MoeKernel.TRTLLM_GEN;
            default:
                return Nvfp4MoeKernel.ANY;
        }
    }

    /**
     * The attention backend a script's SGLang launch names ({@code --attention-backend}) among those the
     * kernel tables time at the same configuration: {@code qwen3.5_fp8_b200.sh} and {@code qwen3.5_bf16_b200.sh}
     * pass {@code --attention-backend trtllm_mha} (where SGLang v0.5.9
     * would default to triton for Qwen3.5 on SM100); other scripts name none of them ({@code trtllm_mla},
     * {@code nsa} price other tables) or leave it to SGLang ({@link SglangAttentionBackend#ANY}).
     */
    static SglangAttentionBackend attentionBackend(String file) {
        switch (file) {
            case "qwen3.5_fp8_b200.sh":
            case "qwen3.5_bf16_b200.sh":
                return SglangAttentionBackend.TRTLLM_MHA;
            default:
                return SglangAttentionBackend.ANY;
        }
    }

    /**
     * The TensorRT-LLM image of a script's configuration, for its results that record no version:
     * {@code dsr1-fp8-h200-trt} and {@code 70b-fp8-h200-trt} ran nvcr.io/nvidia/tensorrt-llm/release:1.1.0rc2.post2
     * (.github/workflows/dsr1-tmpl.yml and 70b-tmpl.yml before the configurations moved into
     * nvidia-master.yaml, which kept that image for both until 2026-05-18).
     */
    static Optional<String> image(String file) {
        switch (file) {
            case "dsr1_fp8_h200_trt.sh":
            case "70b_fp8_h200_trt_slurm.sh":
                return Optional.of("1.1.0rc2.post2");
            default:
                return Optional.empty();
        }
    }

    /**
     * A TensorRT-LLM script's {@code kv_cache_config: free_gpu_memory_fraction} (a share of the memory
     * the weights leave free, TrtllmKvMemory): gptoss_fp4_{h200,b200}_trt.sh 0.85, dsr1_fp8_h200_trt.sh
     * 0.75, dsr1_fp4_b200_trt.sh 0.8, dsr1_fp8_b200_trt.sh {@code KV_CACHE_FREE_MEM_FRACTION} 0.8, 0.75 at
     * ISL 8192 / OSL 1024 with TP 4; the MTP scripts dsr1_fp8_h200_trt_mtp.sh 0.75, dsr1_fp4_b200_trt_mtp.sh
     * 0.8, dsr1_fp8_b200_trt_mtp.sh 0.8, 0.7 with DP_ATTENTION; the Llama-3.1-70B scripts leave
     * TensorRT-LLM's default (0.9).
     */
    static double trtFreeMemoryFraction(InferenceXScript script, MeasuredDeployment row) {
        switch (script.file()) {
            case "gptoss_fp4_h200_trt.sh":
            case "gptoss_fp4_b200_trt.sh":
                return 0.85;
            case "dsr1_fp8_h200_trt.sh":
            case "dsr1_fp8_h200_trt_mtp.sh":
                return 0.75;
            case "dsr1_fp4_b200_trt.sh":
            case "dsr1_fp4_b200_trt_mtp.sh":
                return 0.8;
            case "dsr1_fp8_b200_trt_mtp.sh":
                return InferenceXMtpScript.dpAttention(row) ? 0.7 : 0.8;
            case "dsr1_fp8_b200_trt.sh":
                return row.isl() == 8192 && row.osl() == 1024 && InferenceXScript.scriptTp(row) == 4 ? 0.75 : 0.8;
            default:
                return TrtllmKvMemory.DEFAULT_FREE_FRACTION;
        }
    }

    /** The DeepSeek TensorRT-LLM scripts' --max_num_tokens: max(8192, CONC + ISL + 64 rounded up to 64). */
    static int trtTokens(MeasuredDeployment row) {
        return Math.max(8192, (row.concurrency() + row.isl() + 64 + 63) / 64 * 64);
    }
}
