package dev.plimsoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstimateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonCarriesTheDocumentedKeysAndConsistentFigures() throws Exception {
        CliRun r = CliRun.of("estimate", "--model", "llama-3.1-70b", "--gpu", "h100-sxm", "--tp", "4", "--quant", "fp8",
                "--batch", "16", "--isl", "2048", "--osl", "256", "--output", "json", "--detail");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = JSON.readTree(r.out());
        for (String key : new String[] {"prefill_ms", "decode_step_ms", "ttft_ms", "itl_ms", "throughput_tokens_per_s",
                "tokens_per_s_per_gpu", "tokens_per_s_per_user", "gpus", "memory", "kv_capacity_tokens", "max_batch",
                "ops"}) {
            assertTrue(j.has(key), "missing " + key + " in " + r.out());
        }
        JsonNode mem = j.get("memory");
        long sum = mem.get("weights_bytes").asLong() + mem.get("kv_cache_bytes").asLong()
                + mem.get("activation_bytes").asLong() + mem.get("reserved_bytes").asLong();
        assertEquals(sum, mem.get("total_bytes").asLong());
        assertEquals(4, j.get("gpus").asInt());
        assertEquals(j.get("throughput_tokens_per_s").asDouble() / 4, j.get("tokens_per_s_per_gpu").asDouble(), 0.05);
        assertEquals(1000.0 / j.get("tpot_ms").asDouble(), j.get("tokens_per_s_per_user").asDouble(), 0.05);
        assertEquals(j.get("tpot_ms").asDouble(), j.get("itl_ms").asDouble(), 0.0, "itl_ms: the old name, one release");
        JsonNode op = j.get("ops").get(0);
        for (String key : new String[] {"name", "phase", "ms", "flops", "bytes", "bound", "provenance"}) {
            assertTrue(op.has(key), "op lacks " + key);
        }
        double decodeOps = 0;
        for (JsonNode o : j.get("ops")) {
            if (o.get("phase").asText().equals("decode")) {
                decodeOps += o.get("ms").asDouble();
            }
        }
        assertEquals(j.get("decode_step_ms").asDouble(), decodeOps, 1e-3);
        assertEquals(512, j.get("cuda_graph_max_bs").asInt(), "vLLM's max_cudagraph_capture_size");
    }

    @Test
    void theCudaGraphLimitIsTheEnginesForTheGpuAndTp() throws Exception {
        String[] sglang = {"estimate", "--model", "llama-3.1-70b", "--gpu", "h100-sxm", "--backend", "sglang",
                "--quant", "fp8", "--isl", "1024", "--osl", "256", "--output", "json"};
        java.util.List<String> tp2 = new java.util.ArrayList<>(java.util.List.of(sglang));
        tp2.addAll(java.util.List.of("--tp", "2"));
        assertEquals(256, JSON.readTree(CliRun.of(tp2.toArray(new String[0])).out()).get("cuda_graph_max_bs").asInt(),
                "SGLang below TP 4 on an 80 GB GPU");
        java.util.List<String> tp4 = new java.util.ArrayList<>(java.util.List.of(sglang));
        tp4.addAll(java.util.List.of("--tp", "4"));
        CliRun four = CliRun.of(tp4.toArray(new String[0]));
        assertEquals(512, JSON.readTree(four.out()).get("cuda_graph_max_bs").asInt(), four.out());
        tp4.add("--eager");
        assertEquals(0, JSON.readTree(CliRun.of(tp4.toArray(new String[0])).out()).get("cuda_graph_max_bs").asInt());
    }

    @Test
    void tableNamesTheLayoutAndMemory() {
        CliRun r = CliRun.of("estimate", "--model", "llama-3.1-8b", "--gpu", "l4", "--eager", "--batch", "10",
                "--isl", "128", "--osl", "256", "--backend", "sglang");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("llama-3.1-8b on 1 x l4 (tp1), sglang"), r.out());
        assertTrue(r.out().contains("memory per GPU: weights 16.06 GB"), r.out());
        assertTrue(r.out().contains("eager"), r.out());
        assertTrue(CliRun.of("estimate", "--model", "llama-3.1-8b", "--gpu", "l4", "--batch", "10", "--isl", "128",
                "--osl", "256", "--backend", "sglang").out().contains("CUDA graphs <= 24"), "SGLang on a 24 GB GPU, TP 1");
        // issue 18: the mean token gap is TPOT (vLLM bench, Dynamo), not an ITL percentile as plan prints ITL
        assertTrue(r.out().contains("TPOT (mean ITL)"), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("ITL ")), r.out());
    }

    @Test
    void acceptsAHuggingFaceConfigPath() {
        Path config = Path.of(System.getProperty("plimsoll.root", ".."))
                .resolve("../shared/data/hf-configs/Qwen--Qwen3-8B.json").normalize();
        CliRun r = CliRun.of("estimate", "--model", config.toString(), "--gpu", "h100-sxm", "--isl", "512", "--osl", "64");
        assertEquals(0, r.exitCode(), r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--gpu h10-sxm --isl 10 --osl 10|unknown GPU 'h10-sxm'; closest: h100-sxm",
            "--gpu h100-sxm --tp 3 --isl 10 --osl 10|32 attention heads do not divide by tp 3",
            "--gpu h100-sxm --isl 0 --osl 10|--isl must be a positive integer, got 0",
            "--gpu h100-sxm --isl 10 --osl -1|--osl must be a positive integer, got -1",
            "--gpu h100-sxm --isl x --osl 10|'x' is not an int",
            "--gpu h100-sxm --isl 10 --osl 10 --quant fp9|unknown quantisation 'fp9'",
            "--gpu h100-sxm --isl 10 --osl 10 --kv-dtype int3|--kv-dtype must be bf16, fp16 or fp8",
            "--gpu h100-sxm --isl 10 --osl 10 --backend tgi|unknown backend 'tgi'",
            "--gpu h100-sxm --isl 10 --osl 10 --tp 0|--tp must be >= 1, got 0"})
    void badInputIsOneLineAndExitCode2(String args, String expected) {
        String[] parts = ("estimate --model llama-3.1-8b " + args).split(" ");
        CliRun r = CliRun.of(parts);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void modelThatDoesNotFitExits2WithTheShortfall() {
        CliRun r = CliRun.of("estimate", "--model", "llama-3.1-405b", "--gpu", "h100-sxm", "--tp", "2", "--isl", "10",
                "--osl", "10");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().matches("(?s)plimsoll: llama-3.1-405b does not fit on h100-sxm.*short by [0-9.]+ GB\\n"),
                r.err());
    }

    @Test
    void malformedSpecYamlNamesFileLineAndColumn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("bad.yaml"), "id: bad\npeak_tflops: {bf16: 1\nmemory_gb: 3\n");
        CliRun r = CliRun.of("estimate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--isl", "10", "--osl", "10",
                "--specs-dir", dir.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().matches("(?s)plimsoll: .*bad\\.yaml:\\d+:\\d+: .*"), r.err());
    }

    @Test
    void aBatchAboveTheKvLimitIsAWarningThatGivesTheLimit() throws Exception {
        // issue 18, finding 7: estimate --batch 5000 reported an ITL of seconds without a warning
        String[] args = {"estimate", "--model", "llama-3.1-70b", "--gpu", "h100-sxm", "--tp", "4", "--quant", "fp8",
                "--batch", "5000", "--isl", "2000", "--osl", "300"};
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.err());
        var j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(CliRun.of(
                SimulateWarningsTest.with(args, "--output", "json")).out());
        int max = j.get("max_batch").asInt();
        assertTrue(max > 0 && max < 5000, "max batch " + max);
        String prose = r.out().replaceAll("\\s+", " ");
        assertTrue(prose.contains("warning: --batch 5000 is above the KV limit: the KV cache holds " + max
                + " requests"), r.out());
        assertTrue(prose.contains("use --batch " + max + " or less"), r.out());
        assertEquals(1, j.get("warnings").size());
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 100), r.out());
        CliRun fits = CliRun.of("estimate", "--model", "llama-3.1-70b", "--gpu", "h100-sxm", "--tp", "4", "--quant",
                "fp8", "--batch", "32", "--isl", "2000", "--osl", "300");
        assertTrue(!fits.out().contains("warning:"), fits.out());
    }

    @Test
    void tensorParallelismAcrossNodesIsAClearWarning() {
        CliRun r = CliRun.of("estimate", "--model", "llama-3.1-70b", "--gpu", "h100-sxm", "--tp", "16", "--batch",
                "8", "--isl", "2000", "--osl", "300");
        assertEquals(0, r.exitCode(), r.err());
        String prose = r.out().replaceAll("\\s+", " ");
        assertTrue(prose.contains("warning: tensor parallelism across nodes: tp16 spans 16 GPUs per pipeline stage "
                + "but one h100-sxm NVLink domain holds 8"), r.out());
        CliRun gb200 = CliRun.of("estimate", "--model", "llama-3.1-70b", "--gpu", "gb200", "--tp", "16", "--batch",
                "8", "--isl", "2000", "--osl", "300");
        assertTrue(!gb200.out().contains("across nodes"), "an NVL72 rack is one NVLink domain: " + gb200.out());
    }
}
