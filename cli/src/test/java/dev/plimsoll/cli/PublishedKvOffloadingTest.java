package dev.plimsoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KV-tier transfer model against a published measurement (issue 17): the vLLM team's single
 * request TTFT on one H100 with Llama-3.1-8B-Instruct, the prompt computed against its KV loaded
 * from CPU memory by vLLM's OffloadingConnector, prompts of 10K to 100K tokens. The published
 * figures, their source and how they were read are in {@code validation/vllm-kv-offloading-h100-llama-3.1-8b.csv}.
 *
 * <p>The setup reproduced with {@code plimsoll simulate}: the same model, GPU (H100 SXM, bf16) and
 * engine (vLLM: 16-token blocks, chunked prefill of 8,192 tokens), GPU prefix caching off as in the
 * measurement, a host tier at the platform's default PCIe Gen5 x16 rate (KvTierDefaults, not the
 * post's figures), one client sending the same prompt three times (the first computes it and writes
 * it to host memory, the measured second one loads it). {@code --shared-prefix} names the prompt's
 * 64-token blocks up to the last whole one, so 1-63 tokens are computed where vLLM computes 1.
 * Each of TTFT with the tier, TTFT without it (the GPU-only run simulate adds) and their ratio must
 * be within 25 % of the published figure.
 */
class PublishedKvOffloadingTest {
    private static final String DATA = "/validation/vllm-kv-offloading-h100-llama-3.1-8b.csv";
    private static final double TOLERANCE = 0.25;
    private static final int HASH_BLOCK_TOKENS = 64;

    private record Point(int promptTokens, double computeMs, double loadMs) {
    }

    private static List<Point> published() throws Exception {
        List<Point> points = new ArrayList<>();
        try (InputStream in = PublishedKvOffloadingTest.class.getResourceAsStream(DATA)) {
            assertNotNull(in, DATA);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("prompt_tokens") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                points.add(new Point(Integer.parseInt(f[0].trim()), Double.parseDouble(f[1].trim()),
                        Double.parseDouble(f[2].trim())));
            }
        }
        return points;
    }

    @Test
    void singleRequestTtftWithAndWithoutCpuOffloadingIsWithin25PercentOfVllmsMeasurement() throws Exception {
        List<Point> points = published();
        assertEquals(10, points.size(), "the published points, 10K to 100K tokens");
        List<String> misses = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (Point p : points) {
            int n = p.promptTokens();
            JsonNode j = SimulateCommandTest.json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--backend", "vllm",
                    "--concurrency", "1", "--requests", "3", "--isl", Integer.toString(n), "--osl", "1",
                    "--shared-prefix", Integer.toString((n - 1) / HASH_BLOCK_TOKENS * HASH_BLOCK_TOKENS),
                    "--prefix-caching", "off", "--kv-tiers", "host:500GB", "--seed", "1");
            assertEquals(1, j.get("measured_requests").asInt(), "the first and the last request are warm-up");
            double loadMs = j.get("ttft").get("p50_ms").asDouble();
            double computeMs = j.get("gpu_only").get("ttft").get("p50_ms").asDouble();
            // the measured request read its whole prompt but the last block from host memory
            assertEquals(0.0, j.get("kv_tiers").get(0).get("hit_tokens").asDouble(), 0.0, "nothing kept on the GPU");
            assertTrue(j.get("kv_tiers").get(1).get("hit_tokens").asLong() >= 2L * (n - HASH_BLOCK_TOKENS),
                    j.get("kv_tiers").toString());
            String row = String.format(Locale.ROOT, "%,d tokens: compute %.0f ms (published %.0f, %+.1f %%), "
                            + "load %.1f ms (published %.0f, %+.1f %%), ratio %.2f (published %.2f, %+.1f %%)%n",
                    n, computeMs, p.computeMs(), error(computeMs, p.computeMs()), loadMs, p.loadMs(),
                    error(loadMs, p.loadMs()), computeMs / loadMs, p.computeMs() / p.loadMs(),
                    error(computeMs / loadMs, p.computeMs() / p.loadMs()));
            table.append(row);
            if (Math.abs(error(computeMs, p.computeMs())) > 100 * TOLERANCE
                    || Math.abs(error(loadMs, p.loadMs())) > 100 * TOLERANCE
                    || Math.abs(error(computeMs / loadMs, p.computeMs() / p.loadMs())) > 100 * TOLERANCE) {
                misses.add(row);
            }
        }
        assertTrue(misses.isEmpty(), "more than 25 % off the published TTFT:\n" + misses + "\nall points:\n" + table);
    }

    /** Signed error of a prediction against a published figure, in percent. */
    private static double error(double predicted, double published) {
        return 100.0 * (predicted / published - 1.0);
    }
}
