package dev.plimsoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plimsoll simulate --kv-tiers} and {@code --sessions}, end to end on a small run. */
class SimulateKvTiersTest {
    private static final String[] SESSIONS = {"--model", "llama-3.1-8b", "--gpu", "h100-sxm",
            "--memory-fraction", "0.3", "--sessions", "30", "--session-rate", "2", "--turns", "3-6", "--think", "1-3",
            "--isl", "300", "--osl", "50", "--seed", "2"};

    private static String[] with(String... extra) {
        String[] all = new String[SESSIONS.length + extra.length];
        System.arraycopy(SESSIONS, 0, all, 0, SESSIONS.length);
        System.arraycopy(extra, 0, all, SESSIONS.length, extra.length);
        return all;
    }

    private static String[] command(String... extra) {
        String[] args = with(extra);
        String[] all = new String[args.length + 1];
        all[0] = "simulate";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    @Test
    void reportsEveryTierAndTheGpuOnlyRun() throws Exception {
        JsonNode j = SimulateCommandTest.json(with("--kv-tiers", "host:100GB,disk:1TB"));
        JsonNode tiers = j.get("kv_tiers");
        assertEquals(3, tiers.size(), tiers.toString());
        assertEquals("gpu", tiers.get(0).get("tier").asText());
        assertEquals("host", tiers.get(1).get("tier").asText());
        assertEquals("disk", tiers.get(2).get("tier").asText());
        double sum = 0;
        for (JsonNode t : tiers) {
            sum += t.get("hit_rate").asDouble();
        }
        assertEquals(j.get("prefix_hit_rate").asDouble(), sum, 1e-9, "tier hit rates add up to the run's");
        // every turn extends the conversation before it: later turns find the earlier ones
        assertTrue(j.get("prefix_hit_rate").asDouble() > 0.3, j.get("prefix_hit_rate").toString());
        assertTrue(tiers.get(1).get("written_bytes").asDouble() > 0, "write-through fills host memory");
        JsonNode gpuOnly = j.get("gpu_only");
        assertTrue(gpuOnly.get("prefix_hit_rate").asDouble() <= j.get("prefix_hit_rate").asDouble() + 1e-9);
        assertEquals(j.get("ttft").get("count").asLong(), gpuOnly.get("ttft").get("count").asLong(),
                "the same workload");
        assertEquals("sessions", j.get("inputs").get("workload").get("kind").asText());
        assertEquals("host:100GB,disk:1TB", j.get("inputs").get("kv_tiers").asText());
    }

    @Test
    void engineFlagFormsBuildAHostTier() throws Exception {
        JsonNode hicache = SimulateCommandTest.json(with("--hicache-ratio", "2", "--hicache-write-policy",
                "write_back", "--no-tier-baseline"));
        assertEquals("host", hicache.get("kv_tiers").get(1).get("tier").asText());
        assertTrue(!hicache.has("gpu_only") || hicache.get("gpu_only").isNull());
        // --hicache-ratio 2: twice the GPU pool
        assertEquals(2 * hicache.get("kv_tiers").get(0).get("capacity_tokens").asDouble(),
                hicache.get("kv_tiers").get(1).get("capacity_tokens").asDouble(),
                0.01 * hicache.get("kv_tiers").get(0).get("capacity_tokens").asDouble());
        JsonNode kvbm = SimulateCommandTest.json(with("--kvbm-cpu-cache-gb", "50", "--kvbm-disk-cache-gb", "200",
                "--no-tier-baseline"));
        assertEquals(3, kvbm.get("kv_tiers").size());
    }

    /**
     * A tier's read rate as given (host:SIZE@RATE) is what onboarding pays: halving it adds the
     * transfer of the prompt's blocks once more (Llama-3.1-8B: 131,072 KV bytes per token).
     */
    @Test
    void aGivenReadRateSetsTheTransferTime() throws Exception {
        double[] ttft = new double[2];
        String[] rates = {"40GB/s", "20GB/s"};
        for (int i = 0; i < 2; i++) {
            JsonNode j = SimulateCommandTest.json("--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--concurrency", "1",
                    "--requests", "3", "--isl", "10000", "--osl", "1", "--shared-prefix", "9984", "--prefix-caching",
                    "off", "--kv-tiers", "host:100GB@" + rates[i], "--no-tier-baseline");
            ttft[i] = j.get("ttft").get("p50_ms").asDouble();
        }
        // JSON gives milliseconds to 4 decimals
        double extraMs = 9984 * 131_072.0 * (1 / 20e9 - 1 / 40e9) * 1000.0;
        assertEquals(extraMs, ttft[1] - ttft[0], 1e-3, "TTFT " + ttft[0] + " and " + ttft[1] + " ms");
    }

    @Test
    void badTierSpecsAreOneLineErrors() {
        CliRun noHost = CliRun.of(command("--kv-tiers", "disk:4TB"));
        assertEquals(2, noHost.exitCode());
        assertTrue(noHost.err().contains("needs a host tier above it"), noHost.err());
        CliRun size = CliRun.of(command("--kv-tiers", "host:lots"));
        assertEquals(2, size.exitCode());
        assertTrue(size.err().contains("'lots' is not a size"), size.err());
        CliRun rate = CliRun.of(command("--kv-tiers", "host:1TB@50GB"));
        assertEquals(2, rate.exitCode());
        assertTrue(rate.err().contains("needs a unit per second"), rate.err());
        CliRun both = CliRun.of(command("--kv-tiers", "host:1TB", "--hicache-size", "100"));
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("one way"), both.err());
    }
}
