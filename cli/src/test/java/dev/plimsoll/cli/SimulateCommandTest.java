package dev.plimsoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.perfmodel.serving.EagleDraftCost;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plimsoll simulate} end to end, in-process, on small runs. */
class SimulateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] RESULT_KEYS = {"deployment", "workload", "requests", "finished_requests",
            "measured_requests", "rejected_requests", "unfinished_requests", "window_ms", "simulated_ms", "ttft", "itl",
            "tpot", "e2e", "requests_per_s", "output_tokens_per_s", "input_tokens_per_s", "goodput_per_s",
            "sla_attainment", "prefix_hit_rate", "preemptions", "mean_tokens_per_step", "kv_transfer", "decode_queue",
            "pools", "little_law"};

    @TempDir
    Path dir;

    static JsonNode json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("simulate", "--output", "json"));
        all.addAll(Arrays.asList(args));
        CliRun r = CliRun.of(all.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().isEmpty(), "quiet when not on a terminal: " + r.err());
        return JSON.readTree(r.out());
    }

    static void assertOrderedPercentiles(JsonNode stats) {
        double p50 = stats.get("p50_ms").asDouble();
        double p90 = stats.get("p90_ms").asDouble();
        double p99 = stats.get("p99_ms").asDouble();
        double max = stats.get("max_ms").asDouble();
        assertTrue(p50 > 0 && p50 <= p90 && p90 <= p99 && p99 <= max + 1e-3, stats.toString());
    }

    @Test
    void tensorRtLlmsCutlassNvfp4ExpertsDecodeSlowerThanItsTrtllmGenOnesOnTheB200() throws Exception {
        String[] run = {"--model", "deepseek-r1", "--gpu", "b200-sxm", "--backend", "trtllm", "--quant", "nvfp4",
                "--tp", "8", "--ep", "8", "--concurrency", "16", "--requests", "48", "--isl", "1024", "--osl", "128"};
        JsonNode cutlass = json(concat(run, "--moe-backend", "CUTLASS"));
        JsonNode trtllmGen = json(concat(run, "--moe-backend", "TRTLLM"));
        JsonNode either = json(run);
        double cutlassTpot = cutlass.get("tpot").get("mean_ms").asDouble();
        double trtllmGenTpot = trtllmGen.get("tpot").get("mean_ms").asDouble();
        assertTrue(cutlassTpot > 1.2 * trtllmGenTpot, "CUTLASS " + cutlassTpot + " ms, TRTLLM " + trtllmGenTpot + " ms");
        assertTrue(either.get("tpot").get("mean_ms").asDouble() <= cutlassTpot,
                "left out, the faster kernel at each shape");
    }

    @Test
    void sglangsAttentionBackendIsTheOneTheLaunchNamesOnTheB200() throws Exception {
        String[] run = {"--model", "qwen3-32b", "--gpu", "b200-sxm", "--backend", "sglang", "--concurrency", "4",
                "--requests", "16", "--isl", "8192", "--osl", "64"};
        double fastest = json(run).get("ttft").get("mean_ms").asDouble();
        double triton = json(concat(run, "--attention-backend", "triton")).get("ttft").get("mean_ms").asDouble();
        double trtllmMha = json(concat(run, "--attention-backend", "trtllm_mha")).get("ttft").get("mean_ms").asDouble();
        assertTrue(triton > 1.2 * trtllmMha, "triton prefill " + triton + " ms, trtllm_mha " + trtllmMha + " ms");
        assertTrue(fastest <= trtllmMha * 1.001, "left out, the fastest backend at each shape");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aggregatedClosedLoopReportsConsistentJson() throws Exception {
        JsonNode j = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--concurrency", "8", "--requests", "40",
                "--isl", "512", "--osl", "64");
        for (String key : RESULT_KEYS) {
            assertTrue(j.has(key), "missing " + key);
        }
        assertEquals(40, j.get("requests").asLong());
        assertEquals(40, j.get("finished_requests").asLong());
        assertEquals(24, j.get("measured_requests").asLong(), "8 warm-up and 8 cool-down requests left out");
        assertEquals(24, j.get("ttft").get("count").asLong());
        assertEquals(24 * 63, j.get("itl").get("count").asLong(), "one ITL sample per token after the first");
        assertEquals(64 * j.get("requests_per_s").asDouble(), j.get("output_tokens_per_s").asDouble(), 0.5);
        assertEquals(512 * j.get("requests_per_s").asDouble(), j.get("input_tokens_per_s").asDouble(), 2);
        assertTrue(j.get("little_law").get("relative_error").asDouble() < 1e-3);
        for (String latency : new String[] {"ttft", "itl", "tpot", "e2e"}) {
            assertOrderedPercentiles(j.get(latency));
        }
        assertTrue(j.get("e2e").get("mean_ms").asDouble() > j.get("ttft").get("mean_ms").asDouble()
                + 62 * j.get("tpot").get("mean_ms").asDouble() * 0.99);
        assertTrue(j.get("kv_transfer").get("mean_ms").isNull(), "NaN is written as null");
        assertTrue(j.get("sla").isNull());

        JsonNode in = j.get("inputs");
        assertEquals("agg", in.get("mode").asText());
        assertEquals("closed_loop", in.get("workload").get("kind").asText());
        assertEquals(8, in.get("workload").get("warmup_requests").asInt());
        JsonNode fleet = j.get("fleet");
        assertEquals(1, fleet.get("gpus").asInt());
        JsonNode pool = fleet.get("pools").get(0);
        assertEquals("aggregated", pool.get("pool").asText());
        assertEquals(1024, pool.get("max_num_seqs").asInt(), "vLLM default");
        assertEquals(16, pool.get("block_size").asInt());
        assertTrue(pool.get("kv_capacity_tokens_per_rank").asLong() > 100_000);
        JsonNode stats = j.get("pools").get(0);
        assertTrue(stats.get("gpu_utilisation").asDouble() > 0.5, "8 clients keep one GPU busy");
        assertTrue(stats.get("peak_kv_usage").asDouble() > 0);
        double usdPerMTok = 3600 * fleet.get("cost_per_hour_usd").asDouble();
        assertEquals(fleet.get("cost_per_hour_usd").asDouble() / (j.get("output_tokens_per_s").asDouble() * 3600) * 1e6,
                j.get("usd_per_million_output_tokens").asDouble(), 1e-3 * usdPerMTok);
    }

    @Test
    void openLoopWithTargetsScoresGoodputAndTheVerdict() throws Exception {
        JsonNode j = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "6", "--duration", "10",
                "--isl", "1000", "--osl", "100", "--ttft", "60", "--tpot", "9", "--percentile", "90");
        assertEquals("open_loop", j.get("inputs").get("workload").get("kind").asText());
        long n = j.get("requests").asLong();
        assertTrue(n > 30 && n < 100, "about 60 Poisson arrivals in 10 s: " + n);
        assertEquals(n, j.get("measured_requests").asLong(), "an open loop measures every request");
        double attainment = j.get("sla_attainment").asDouble();
        assertEquals(attainment * j.get("requests_per_s").asDouble(), j.get("goodput_per_s").asDouble(), 1e-3);
        JsonNode sla = j.get("sla");
        assertEquals(60.0, sla.get("ttft_ms").asDouble());
        assertEquals(9.0, sla.get("tpot_ms").asDouble());
        assertTrue(sla.get("itl_ms").isNull(), "no ITL bound given");
        assertTrue(sla.get("e2e_ms").isNull());
        assertEquals(j.get("ttft").get("p90_ms").asDouble(), sla.get("ttft_at_percentile_ms").asDouble(), 1e-3,
                "the verdict's p90 is the simulator's p90");
        assertEquals(j.get("tpot").get("p90_ms").asDouble(), sla.get("tpot_at_percentile_ms").asDouble(), 1e-3);
        boolean met = sla.get("ttft_at_percentile_ms").asDouble() <= 60 && sla.get("tpot_at_percentile_ms").asDouble() <= 9;
        assertEquals(met, sla.get("met").asBoolean());
    }

    @Test
    void equalSeedsGiveEqualRunsAndBurstinessChangesThem() throws Exception {
        String[] base = {"--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "8", "--requests", "60",
                "--isl", "800", "--osl", "40"};
        JsonNode a = json(base);
        JsonNode b = json(base);
        assertEquals(a, b);
        List<String> bursty = new ArrayList<>(Arrays.asList(base));
        bursty.addAll(List.of("--burstiness", "0.25"));
        JsonNode c = json(bursty.toArray(new String[0]));
        assertEquals(2.0, c.get("inputs").get("workload").get("arrival_cv").asDouble(), 1e-9, "cv = 1/sqrt(0.25)");
        assertEquals(60, c.get("requests").asLong());
        assertNotEquals(a.get("ttft"), c.get("ttft"));
        List<String> reseeded = new ArrayList<>(Arrays.asList(base));
        reseeded.addAll(List.of("--seed", "7"));
        assertNotEquals(a.get("ttft"), json(reseeded.toArray(new String[0])).get("ttft"));
    }

    private Path azureTrace(int requests) throws Exception {
        StringBuilder csv = new StringBuilder("TIMESTAMP,ContextTokens,GeneratedTokens\n");
        for (int i = 0; i < requests; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "2023-11-16 18:%02d:%02d.5000000,%d,%d%n", i / 60, i % 60,
                    200 + 37 * i, 20 + i));
        }
        Path file = dir.resolve("small.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void replaysATraceWithItsWindowAndRate() throws Exception {
        Path trace = azureTrace(12);
        JsonNode all = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--trace", trace.toString());
        assertEquals(12, all.get("requests").asLong());
        assertEquals(12, all.get("finished_requests").asLong());
        assertEquals("azure_csv", all.get("inputs").get("workload").get("trace_format").asText());
        double sizes = 0;
        for (int i = 0; i < 12; i++) {
            sizes += 20 + i;
        }
        assertEquals(sizes / 12, all.get("output_tokens_per_s").asDouble() / all.get("requests_per_s").asDouble(), 1e-2,
                "output tokens per request from the trace");

        JsonNode limited = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--trace", trace.toString(),
                "--max-requests", "5");
        assertEquals(5, limited.get("requests").asLong());
        JsonNode window = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--trace", trace.toString(),
                "--trace-start", "3", "--duration", "4");
        assertEquals(4, window.get("requests").asLong(), "seconds 3, 4, 5 and 6 of the trace");
        JsonNode fast = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--trace", trace.toString(),
                "--rate-scale", "2");
        assertTrue(fast.get("simulated_ms").asDouble() < all.get("simulated_ms").asDouble() - 4000,
                "11 s of arrivals replayed in 5.5 s");
        JsonNode slow = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--trace", trace.toString(),
                "--time-scale", "2");
        assertEquals(2.0 * 11000, slow.get("simulated_ms").asDouble(), 2000);
    }

    @Test
    void mooncakeTracePrefixesHitTheCacheOnlyWithPrefixCaching() throws Exception {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            // every request shares its first two 512-token blocks
            jsonl.append(String.format(java.util.Locale.ROOT,
                    "{\"timestamp\": %d, \"input_length\": 1500, \"output_length\": 10, \"hash_ids\": [1, 2, %d]}%n",
                    500 * i, 100 + i));
        }
        Path trace = dir.resolve("mooncake.jsonl");
        Files.writeString(trace, jsonl);
        JsonNode on = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--trace", trace.toString());
        assertEquals("mooncake_jsonl", on.get("inputs").get("workload").get("trace_format").asText());
        assertEquals(9 * 1024.0 / (10 * 1500), on.get("prefix_hit_rate").asDouble(), 0.01,
                "nine later requests find 1024 of their 1500 tokens");
        JsonNode off = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--trace", trace.toString(),
                "--prefix-caching", "off");
        assertEquals(0.0, off.get("prefix_hit_rate").asDouble());
        assertTrue(off.get("ttft").get("mean_ms").asDouble() > on.get("ttft").get("mean_ms").asDouble());
    }

    @Test
    void disaggregatedPoolsHaveTheirOwnLayoutsAndMoveKv() throws Exception {
        JsonNode j = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--mode", "disagg", "--prefill-workers", "1",
                "--decode-workers", "2", "--decode-tp", "2", "--concurrency", "8", "--requests", "32", "--isl", "2000",
                "--osl", "50");
        assertEquals("1p2d", j.get("deployment").asText());
        JsonNode fleet = j.get("fleet");
        assertEquals(5, fleet.get("gpus").asInt(), "1 prefill GPU + 2 decode replicas of 2");
        assertEquals("nvlink", fleet.get("kv_link").get("path").asText(), "5 GPUs fit in one 8-GPU NVLink domain");
        assertEquals(1, fleet.get("pools").get(0).get("layout").get("tp").asInt());
        assertEquals(2, fleet.get("pools").get(1).get("layout").get("tp").asInt());
        JsonNode pools = j.get("pools");
        assertEquals("prefill", pools.get(0).get("pool").asText());
        assertEquals("decode", pools.get(1).get("pool").asText());
        assertEquals(2, pools.get(1).get("workers").asInt());
        assertEquals(16, j.get("kv_transfer").get("count").asLong(), "one transfer per measured request");
        assertTrue(j.get("kv_transfer").get("mean_ms").asDouble() > 0);
        assertEquals(32, j.get("finished_requests").asLong());
        assertEquals("disagg", j.get("inputs").get("mode").asText());
        assertEquals(2, j.get("inputs").get("decode_workers").asInt());

        JsonNode mixed = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--mode", "disagg", "--prefill-gpu",
                "h200-sxm", "--concurrency", "4", "--requests", "12", "--isl", "1000", "--osl", "20");
        assertEquals("h200-sxm", mixed.get("fleet").get("pools").get(0).get("gpu").asText());
        assertEquals("rdma", mixed.get("fleet").get("kv_link").get("path").asText(), "two GPU types: over the network");
    }

    @Test
    void engineSettingsReachTheSimulatedEngine() throws Exception {
        String[] base = {"--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--concurrency", "16", "--requests", "48",
                "--isl", "1000", "--osl", "100"};
        JsonNode free = json(base);
        List<String> capped = new ArrayList<>(Arrays.asList(base));
        capped.addAll(List.of("--max-num-seqs", "4", "--block-size", "32", "--no-chunked-prefill",
                "--max-num-batched-tokens", "4096"));
        JsonNode c = json(capped.toArray(new String[0]));
        JsonNode pool = c.get("fleet").get("pools").get(0);
        assertEquals(4, pool.get("max_num_seqs").asInt());
        assertEquals(32, pool.get("block_size").asInt());
        assertEquals(4096, pool.get("max_num_batched_tokens").asInt());
        assertFalse(pool.get("chunked_prefill").asBoolean());
        assertTrue(free.get("fleet").get("pools").get(0).get("overlap_scheduling").asBoolean());
        assertTrue(c.get("pools").get(0).get("mean_queue_length").asDouble() > 5,
                "16 clients, 4 running: about 12 waiting");
        assertTrue(c.get("ttft").get("mean_ms").asDouble() > 3 * free.get("ttft").get("mean_ms").asDouble());

        String[] trtllm = {"--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--backend", "trtllm", "--concurrency", "1",
                "--requests", "6", "--isl", "1000", "--osl", "20"};
        JsonNode overlapped = json(trtllm);
        List<String> plain = new ArrayList<>(Arrays.asList(trtllm));
        plain.add("--no-overlap-scheduling");
        JsonNode serial = json(plain.toArray(new String[0]));
        assertFalse(serial.get("fleet").get("pools").get(0).get("overlap_scheduling").asBoolean());
        assertTrue(overlapped.get("ttft").get("mean_ms").asDouble() > serial.get("ttft").get("mean_ms").asDouble(),
                "TensorRT-LLM's overlap scheduler answers the first token one decode step later");

        JsonNode sglang = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--backend", "sglang",
                "--max-running-requests", "32", "--max-prefill-tokens", "8192", "--chunked-prefill-size", "4096",
                "--concurrency", "4", "--requests", "12", "--isl", "500", "--osl", "20");
        JsonNode sp = sglang.get("fleet").get("pools").get(0);
        assertEquals("sglang", sp.get("backend").asText());
        assertEquals(32, sp.get("max_num_seqs").asInt());
        assertEquals(4096, sp.get("max_num_batched_tokens").asInt(),
                "the user's chunk, not SGLang's default for the GPU's memory class (8192 on an H100)");
        assertEquals(8192, sp.get("max_prefill_tokens").asInt());
        assertEquals(1, sp.get("block_size").asInt(), "SGLang page size 1");
        assertEquals(1, sp.get("scheduler_recv_interval").asInt(), "SGLang reads new requests every turn by default");

        // the limits left out are SGLang's for the GPU and TP (server_args _handle_gpu_memory_settings)
        String[] h200 = {"--model", "llama-3.1-70b", "--gpu", "h200-sxm", "--backend", "sglang", "--concurrency", "4",
                "--requests", "8", "--isl", "500", "--osl", "20"};
        List<String> tp2 = new ArrayList<>(Arrays.asList(h200));
        tp2.addAll(List.of("--tp", "2"));
        JsonNode small = json(tp2.toArray(new String[0])).get("fleet").get("pools").get(0);
        assertEquals(256, small.get("cuda_graph_max_bs").asInt(), "256 graphs below TP 4 on a 141 GB GPU");
        assertEquals(8192, small.get("max_num_batched_tokens").asInt());
        List<String> tp4 = new ArrayList<>(Arrays.asList(h200));
        tp4.addAll(List.of("--tp", "4"));
        assertEquals(512, json(tp4.toArray(new String[0])).get("fleet").get("pools").get(0).get("cuda_graph_max_bs")
                .asInt(), "512 from TP 4");
        tp4.addAll(List.of("--cuda-graph-max-bs", "160"));
        assertEquals(160, json(tp4.toArray(new String[0])).get("fleet").get("pools").get(0).get("cuda_graph_max_bs")
                .asInt(), "the user's graph batch stays");

        // open-loop arrivals land mid-decode, where SGLang reads new requests every 30th turn only
        String[] poisson = {"--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--backend", "sglang", "--rate", "4",
                "--duration", "6", "--isl", "500", "--osl", "100", "--seed", "3"};
        JsonNode everyTurn = json(poisson);
        List<String> skippingArgs = new ArrayList<>(Arrays.asList(poisson));
        skippingArgs.addAll(List.of("--scheduler-recv-interval", "30"));
        JsonNode skipping = json(skippingArgs.toArray(new String[0]));
        assertEquals(30, skipping.get("fleet").get("pools").get(0).get("scheduler_recv_interval").asInt());
        // a 7 ms decode step: an arrival mid-decode waits 15 of them on average (106 ms more measured here)
        assertTrue(skipping.get("ttft").get("mean_ms").asDouble() > everyTurn.get("ttft").get("mean_ms").asDouble()
                + 50, "requests arriving mid-decode wait for the scheduler's next reading turn: "
                + skipping.get("ttft").get("mean_ms") + " against " + everyTurn.get("ttft").get("mean_ms"));
    }

    @Test
    void eachEnginesOwnMemoryFlagSizesTheKvPoolByItsOwnRule() throws Exception {
        String[] base = {"--model", "llama-3.1-70b", "--gpu", "h200-sxm", "--tp", "2", "--concurrency", "2",
                "--requests", "4", "--isl", "200", "--osl", "10"};
        long vllmShare = kvTokens(json(with(base, "--backend", "sglang", "--memory-fraction", "0.85")));
        long sglangStatic = kvTokens(json(with(base, "--backend", "sglang", "--mem-fraction-static", "0.85")));
        // SGLang's fraction holds weights and pool only: activations, graphs and buffers come on top of it
        assertTrue(sglangStatic > vllmShare * 1.02, sglangStatic + " against " + vllmShare + " tokens");
        long trtHalf = kvTokens(json(with(base, "--backend", "trtllm", "--free-gpu-memory-fraction", "0.5")));
        long trtFull = kvTokens(json(with(base, "--backend", "trtllm", "--free-gpu-memory-fraction", "1.0")));
        // a share of what the weights leave: half the fraction, half the pool (to a block)
        assertEquals(trtFull / 2.0, trtHalf, trtFull * 0.01);
    }

    private static long kvTokens(JsonNode run) {
        return run.get("fleet").get("pools").get(0).get("kv_capacity_tokens_per_rank").asLong();
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(base));
        all.addAll(Arrays.asList(more));
        return all.toArray(new String[0]);
    }

    @Test
    void speculativeDecodingYieldsMoreThanOneTokenPerStep() throws Exception {
        JsonNode j = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--concurrency", "4", "--requests", "20",
                "--isl", "500", "--osl", "200", "--speculative-tokens", "3", "--acceptance", "0.8");
        double expected = (1 - Math.pow(0.8, 4)) / 0.2;
        assertEquals(expected, j.get("mean_tokens_per_step").asDouble(), 0.15);
        JsonNode spec = j.get("fleet").get("pools").get(0).get("speculative");
        assertEquals(3, spec.get("draft_tokens").asInt());
        assertEquals(EagleDraftCost.ratio(SpecRegistry.load(null).model("llama-3.1-8b")),
                spec.get("draft_cost_ratio").asDouble(), 1e-4);
    }

    @Test
    void timeSeriesIsWrittenAsCsvOrJson() throws Exception {
        Path csv = dir.resolve("series.csv");
        JsonNode j = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "5", "--duration", "6", "--isl",
                "500", "--osl", "50", "--timeseries", csv.toString(), "--sample-interval", "0.5");
        List<String> lines = Files.readAllLines(csv);
        assertEquals("t_ms,pool,queue_length,running_requests,kv_usage,busy_fraction,finished_requests", lines.get(0));
        assertEquals(j.get("time_series_samples").asInt() + 1, lines.size());
        assertTrue(lines.get(1).startsWith("500.000,aggregated,"), lines.get(1));
        long finished = lines.stream().skip(1).mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1))).sum();
        assertTrue(finished >= j.get("finished_requests").asLong() - 5 && finished <= j.get("finished_requests").asLong(),
                "every interval's finished requests, but the tail after the last sample: " + finished);
        assertEquals(csv.toString(), j.get("time_series_file").asText());

        Path jsonFile = dir.resolve("series.json");
        JsonNode d = json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--mode", "disagg", "--rate", "5",
                "--duration", "3", "--isl", "500", "--osl", "50", "--timeseries", jsonFile.toString());
        JsonNode series = JSON.readTree(jsonFile.toFile());
        assertEquals(d.get("time_series_samples").asInt(), series.size());
        assertEquals("prefill", series.get(0).get("pool").asText());
        assertEquals("decode", series.get(1).get("pool").asText());
        assertEquals(1000.0, series.get(0).get("t_ms").asDouble());
        assertTrue(series.get(0).has("kv_usage") && series.get(0).has("queue_length"));
    }

    @Test
    void tableSummarisesLatencyThroughputTargetsAndPools() {
        CliRun r = CliRun.of("simulate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--mode", "disagg",
                "--concurrency", "4", "--requests", "16", "--isl", "1000", "--osl", "30", "--ttft", "500",
                "--tpot", "20", "--itl", "60", "--percentile", "99");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("llama-3.1-8b, disaggregated 1p1d: prefill 1 replica x tp1 (1 x h100-sxm); "
                + "decode 1 replica x tp1 (1 x h100-sxm); KV over nvlink"), out);
        for (String line : new String[] {"latency (ms)  mean", "TTFT ", "ITL ", "TPOT ", "end-to-end ", "KV transfer ",
                "decode queue ", "throughput: ", "goodput: ", "SLA at p99: TTFT ", ", TPOT ", ", ITL ", "cost: 2 GPUs, $", "prefill  ",
                "decode  "}) {
            assertTrue(out.contains(line), "missing '" + line + "' in\n" + out);
        }
        assertFalse(out.contains("NaN"), out);
    }

    @Test
    void tensorRtLlmBatchWaitingHoldsPromptsThatArriveMidDecode() throws Exception {
        String[] poisson = {"--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--backend", "trtllm", "--rate", "4",
                "--duration", "6", "--isl", "500", "--osl", "100", "--seed", "3"};
        JsonNode free = json(poisson);
        List<String> waiting = new ArrayList<>(Arrays.asList(poisson));
        waiting.addAll(List.of("--batch-wait-timeout-iters", "20", "--batch-wait-max-tokens-ratio", "0.9"));
        JsonNode held = json(waiting.toArray(new String[0]));
        JsonNode pool = held.get("fleet").get("pools").get(0);
        assertEquals(20, pool.get("batch_wait_timeout_iters").asInt());
        assertEquals(0.9, pool.get("batch_wait_max_tokens_ratio").asDouble(), 1e-12);
        assertTrue(held.get("ttft").get("mean_ms").asDouble() > free.get("ttft").get("mean_ms").asDouble() + 20,
                "a prompt arriving while others decode waits up to 20 steps: " + held.get("ttft").get("mean_ms")
                        + " against " + free.get("ttft").get("mean_ms"));
    }

    @Test
    void sglangMixedChunksLetDecodesRunDuringPrefills() throws Exception {
        String[] busy = {"--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--backend", "sglang", "--concurrency", "32",
                "--requests", "96", "--isl", "4000", "--osl", "100"};
        JsonNode plain = json(busy);
        List<String> mixedArgs = new ArrayList<>(Arrays.asList(busy));
        mixedArgs.add("--enable-mixed-chunk");
        JsonNode mixed = json(mixedArgs.toArray(new String[0]));
        assertTrue(mixed.get("fleet").get("pools").get(0).get("mixed_chunk").asBoolean());
        assertTrue(mixed.get("ttft").get("mean_ms").asDouble() < plain.get("ttft").get("mean_ms").asDouble(),
                "prefills no longer come in waves: " + mixed.get("ttft").get("mean_ms") + " against "
                        + plain.get("ttft").get("mean_ms"));
    }
}
