package dev.plimsoll.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad value or combination is one line on stderr and exit code 2, before anything runs. */
class SimulateErrorsTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void traces() throws Exception {
        Files.writeString(dir.resolve("ok.csv"), "TIMESTAMP,ContextTokens,GeneratedTokens\n0.0,100,10\n1.0,200,5\n");
        Files.writeString(dir.resolve("bad.csv"), "TIMESTAMP,ContextTokens,GeneratedTokens\n0.0,100,10\n1.0,lots,5\n");
    }

    private static CliRun run(String args) {
        List<String> all = new ArrayList<>(List.of("simulate", "--model", "llama-3.1-8b"));
        for (String a : args.split(" ")) {
            all.add(a.replace("DIR", dir.toString()));
        }
        return CliRun.of(all.toArray(new String[0]));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--gpu h100-sxm --isl 10 --osl 10|choose a workload: --concurrency C (closed loop), --rate R (open loop), --trace FILE (replay) or --sessions N (multi-turn chat)",
            "--gpu h100-sxm --sessions 10 --isl 10 --osl 10|--sessions needs --session-rate R (new sessions per second)",
            "--gpu h100-sxm --sessions 10 --session-rate 1 --turns 9-3 --isl 10 --osl 10|--turns must be a range A-B with 0 <= A <= B",
            "--gpu h100-sxm --concurrency 4 --rate 2 --isl 10 --osl 10|--concurrency and --rate are exclusive: choose one workload",
            "--gpu h100-sxm --concurrency 0 --isl 10 --osl 10|--concurrency must be a positive integer, got 0",
            "--gpu h100-sxm --concurrency 4|--concurrency needs --isl and --osl",
            "--gpu h100-sxm --concurrency 4 --isl 10 --osl -3|--osl must be a positive integer, got -3",
            "--gpu h100-sxm --rate -1 --duration 5 --isl 10 --osl 10|--rate must be a positive number, got -1",
            "--gpu h100-sxm --rate NaN --duration 5 --isl 10 --osl 10|--rate must be a positive number, got NaN",
            "--gpu h100-sxm --rate 2 --isl 10 --osl 10|--rate needs --duration S or --requests N",
            "--gpu h100-sxm --rate 2 --duration 0 --isl 10 --osl 10|--duration must be a positive number, got 0",
            "--gpu h100-sxm --rate 2 --duration 5 --burstiness 1 --arrival-cv 2 --isl 10 --osl 10|--burstiness and --arrival-cv both set",
            "--gpu h100-sxm --concurrency 2 --burstiness 2 --isl 10 --osl 10|--burstiness applies only to an open loop (--rate)",
            "--gpu h100-sxm --concurrency 2 --duration 2 --isl 10 --osl 10|--duration applies only to --rate and --trace",
            "--gpu h100-sxm --rate 2 --duration 2 --think-time 5 --isl 10 --osl 10|--think-time applies only to a closed loop",
            "--gpu h100-sxm --concurrency 2 --max-requests 5 --isl 10 --osl 10|--max-requests applies only to --trace",
            "--gpu h100-sxm --concurrency 2 --rate-scale 2 --isl 10 --osl 10|--rate-scale applies only to --trace",
            "--gpu h100-sxm --trace DIR/missing.csv|missing.csv: trace file not found",
            "--gpu h100-sxm --trace DIR/ok.csv --isl 100|--isl does not apply to --trace: request sizes come from the trace",
            "--gpu h100-sxm --trace DIR/ok.csv --requests 100|--requests applies only to --concurrency and --rate",
            "--gpu h100-sxm --trace DIR/ok.csv --trace-format parquet|--trace-format must be azure or mooncake, got 'parquet'",
            "--gpu h100-sxm --trace DIR/ok.csv --time-scale 2 --rate-scale 2|--time-scale and --rate-scale both set",
            "--gpu h100-sxm --trace DIR/ok.csv --time-scale 0|--time-scale must be a positive number, got 0",
            "--gpu h100-sxm --trace DIR/bad.csv|bad.csv:3:",
            "--gpu h100-sxm --concurrency 2 --isl 100 --osl 10 --shared-prefix 100|--shared-prefix must be smaller than --isl 100, got 100",
            "--gpu h100-sxm --concurrency 2 --isl 100 --osl 10 --prefix-groups 3|--prefix-groups applies only with --shared-prefix T > 0",
            "--gpu h100-sxm --mode mixed --concurrency 2 --isl 10 --osl 10|--mode must be agg or disagg, got 'mixed'",
            "--gpu h100-sxm --mode disagg --replicas 2 --concurrency 2 --isl 10 --osl 10|--replicas applies only to --mode agg",
            "--gpu h100-sxm --prefill-tp 2 --concurrency 2 --isl 10 --osl 10|--prefill-tp applies only to --mode disagg",
            "--gpu h100-sxm --decode-gpu h200-sxm --concurrency 2 --isl 10 --osl 10|--decode-gpu applies only to --mode disagg",
            "--gpu h100-sxm --mode disagg --decode-workers 0 --concurrency 2 --isl 10 --osl 10|--decode-workers must be a positive integer, got 0",
            "--gpu h100-sxm --mode disagg --kv-link pcie --concurrency 2 --isl 10 --osl 10|--kv-link must be auto, nvlink or rdma, got 'pcie'",
            "--gpu h100-sxm --mode disagg --prefill-gpu h200-sxm --kv-link nvlink --concurrency 2 --isl 10 --osl 10|--kv-link nvlink needs one GPU type for both pools, got h200-sxm and h100-sxm",
            "--gpu h100-sxm --router random --concurrency 2 --isl 10 --osl 10|unknown router 'random'",
            "--gpu h100-sxm --backend tgi --concurrency 2 --isl 10 --osl 10|unknown backend 'tgi'",
            "--gpu h100-sxm --quant fp9 --concurrency 2 --isl 10 --osl 10|unknown quantisation 'fp9'",
            "--gpu h100-sxm --kv-dtype int3 --concurrency 2 --isl 10 --osl 10|--kv-dtype must be bf16, fp16 or fp8, got 'int3'",
            "--gpu h100-sxm --memory-fraction 1.5 --concurrency 2 --isl 10 --osl 10|--memory-fraction must be between",
            "--gpu h100-sxm --max-num-seqs 0 --concurrency 2 --isl 10 --osl 10|--max-num-seqs must be a positive integer, got 0",
            "--gpu h100-sxm --mem-fraction-static 0.8 --concurrency 2 --isl 10 --osl 10|--mem-fraction-static applies only to --backend sglang",
            "--gpu h100-sxm --free-gpu-memory-fraction 0.8 --concurrency 2 --isl 10 --osl 10|--free-gpu-memory-fraction applies only to --backend trtllm",
            "--gpu h100-sxm --backend sglang --mem-fraction-static 1.2 --concurrency 2 --isl 10 --osl 10|--mem-fraction-static must be between",
            "--gpu h100-sxm --backend sglang --memory-fraction 0.8 --mem-fraction-static 0.8 --concurrency 2 --isl 10 --osl 10|give the engine's memory share once",
            "--gpu h100-sxm --max-prefill-tokens 4096 --concurrency 2 --isl 10 --osl 10|--max-prefill-tokens applies only to --backend sglang",
            "--gpu h100-sxm --scheduler-recv-interval 30 --concurrency 2 --isl 10 --osl 10|--scheduler-recv-interval applies only to --backend sglang",
            "--gpu h100-sxm --backend sglang --scheduler-recv-interval 0 --concurrency 2 --isl 10 --osl 10|--scheduler-recv-interval must be a positive integer, got 0",
            "--gpu h100-sxm --enable-mixed-chunk --concurrency 2 --isl 10 --osl 10|--enable-mixed-chunk applies only to --backend sglang",
            "--gpu h100-sxm --batch-wait-timeout-iters 20 --concurrency 2 --isl 10 --osl 10|--batch-wait-timeout-iters applies only to --backend trtllm",
            "--gpu h100-sxm --backend trtllm --batch-wait-max-tokens-ratio 1.5 --concurrency 2 --isl 10 --osl 10|--batch-wait-max-tokens-ratio must be between 0 and 1, got 1.5",
            "--gpu h100-sxm --backend trtllm --attention-dp-balance 60,x --concurrency 2 --isl 10 --osl 10|--attention-dp-balance takes whole iteration counts TIMEOUT[,WAIT], got '60,x'",
            "--gpu h100-sxm --moe-backend CUTLASS --concurrency 2 --isl 10 --osl 10|--moe-backend applies only to --backend trtllm",
            "--gpu h100-sxm --backend trtllm --moe-backend WIDEEP --concurrency 2 --isl 10 --osl 10|--moe-backend must be CUTLASS or TRTLLM",
            "--gpu h100-sxm --attention-backend triton --concurrency 2 --isl 10 --osl 10|--attention-backend applies only to --backend sglang",
            "--gpu h100-sxm --backend sglang --attention-backend fa3 --concurrency 2 --isl 10 --osl 10|--attention-backend must be trtllm_mha, flashinfer or triton",
            "--gpu h100-sxm --eager --cuda-graph-max-bs 64 --concurrency 2 --isl 10 --osl 10|--eager disables CUDA graphs",
            "--gpu h100-sxm --prefix-caching maybe --concurrency 2 --isl 10 --osl 10|--prefix-caching must be on or off, got 'maybe'",
            "--gpu h100-sxm --speculative-tokens 3 --concurrency 2 --isl 10 --osl 10|--speculative-tokens needs --acceptance A",
            "--gpu h100-sxm --speculative-tokens 3 --acceptance 1.5 --concurrency 2 --isl 10 --osl 10|--acceptance must be between 0 and 1, got 1.5",
            "--gpu h100-sxm --acceptance 0.5 --concurrency 2 --isl 10 --osl 10|--acceptance applies only with --speculative-tokens K",
            "--gpu h100-sxm --speculative-tokens 3 --speculative-draft 2 --acceptance 0.5 --concurrency 2 --isl 10 --osl 10|--speculative-tokens and --speculative-draft (its old name) disagree",
            "--gpu h100-sxm --ttft 0 --concurrency 2 --isl 10 --osl 10|--ttft must be a positive number of milliseconds, got 0",
            "--gpu h100-sxm --itl -3 --concurrency 2 --isl 10 --osl 10|--itl must be a positive number of milliseconds, got -3",
            "--gpu h100-sxm --ttft 100 --percentile 150 --concurrency 2 --isl 10 --osl 10|--percentile must be 50, 90 or 99",
            "--gpu h100-sxm --tpot 30 --itl-sla 40 --concurrency 2 --isl 10 --osl 10|--tpot and --itl-sla (its old name) disagree",
            "--gpu h100-sxm --percentile 90 --concurrency 2 --isl 10 --osl 10|--percentile applies only with a target",
            "--gpu h100-sxm --timeseries DIR/out.txt --concurrency 2 --isl 10 --osl 10|the name must end in .csv or .json",
            "--gpu h100-sxm --timeseries DIR/nowhere/out.csv --concurrency 2 --isl 10 --osl 10|does not exist",
            "--gpu h100-sxm --sample-interval 2 --concurrency 2 --isl 10 --osl 10|--sample-interval applies only with --timeseries FILE",
            "--gpu h100-sxm --time-limit -5 --concurrency 2 --isl 10 --osl 10|--time-limit must be a positive number, got -5",
            "--gpu h100-sxm --tp 3 --concurrency 2 --isl 10 --osl 10|32 attention heads do not divide by tp 3",
            "--gpu h100-sxm --mode disagg --decode-tp 3 --concurrency 2 --isl 10 --osl 10|32 attention heads do not divide by tp 3",
            "--gpu h10-sxm --concurrency 2 --isl 10 --osl 10|unknown GPU 'h10-sxm'; closest: h100-sxm"})
    void badInputIsOneLineAndExitCode2(String args, String expected) {
        CliRun r = run(args);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().startsWith("plimsoll: "), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void unparsableNumbersAreRefusedByTheParser() {
        CliRun r = run("--gpu h100-sxm --concurrency 2 --isl 10 --osl 10 --requests many");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("plimsoll: Invalid value for option '--requests': 'many' is not a long"), r.err());
    }

    @Test
    void aModelThatDoesNotFitNamesTheShortfall() {
        CliRun r = CliRun.of("simulate", "--model", "llama-3.1-405b", "--gpu", "h100-sxm", "--mode", "disagg",
                "--decode-tp", "2", "--prefill-tp", "8", "--concurrency", "2", "--isl", "10", "--osl", "10");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().matches("plimsoll: llama-3.1-405b does not fit on h100-sxm.*short by [0-9.]+ GB\\n"), r.err());
    }

    @Test
    void requestsLongerThanTheKvCacheAreRefusedAndFailTheVerdict() throws Exception {
        // 20 GB H100 share: weights of an 8B model leave little KV; 200k-token prompts cannot fit
        CliRun r = CliRun.of("simulate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--memory-fraction", "0.3",
                "--concurrency", "2", "--requests", "4", "--isl", "200000", "--osl", "10", "--ttft", "100000",
                "--output", "json");
        assertEquals(0, r.exitCode(), r.err());
        var j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals(4, j.get("rejected_requests").asLong());
        assertFalse(j.get("sla").get("met").asBoolean());
        assertTrue(j.get("ttft").get("mean_ms").isNull(), "nothing measured");
    }
}
