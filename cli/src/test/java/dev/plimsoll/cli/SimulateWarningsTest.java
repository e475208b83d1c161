package dev.plimsoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, finding 7 for {@code simulate}: rejected requests come with their reason, a saturated
 * run says so and names the capacity, NaN never prints, and {@code --fail-on-miss} gives "ran, but
 * the SLA is missed" an exit code of its own. Finding 9: the old target names still work, with a
 * warning, and mean what they meant.
 */
class SimulateWarningsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One H100 serving Llama 3.1 8B: about 14 req/s of 2000 + 200 tokens, so 40 req/s saturates it. */
    private static final String[] OVERLOADED = {"simulate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm",
            "--rate", "40", "--duration", "10", "--isl", "2000", "--osl", "200", "--ttft", "1000"};

    @Test
    void requestsLongerThanTheKvCacheAreRejectedWithTheReasonAndNoNaN() {
        // the run: Llama 3.1 70B in bf16 on two H100s leaves about 4k tokens of KV per rank
        CliRun r = CliRun.of("simulate", "--model", "llama-3.1-70b", "--gpu", "h100-sxm", "--tp", "2",
                "--isl", "120000", "--osl", "100", "--concurrency", "1", "--requests", "10");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        String prose = out.replaceAll("\\s+", " ");
        assertTrue(prose.contains("10 of 10 requests were refused on arrival"), out);
        assertTrue(prose.contains("tokens a rank of the aggregated pool holds"), out);
        assertTrue(out.contains("no output tokens measured to price"), out);
        assertFalse(out.contains("NaN"), out);
        assertFalse(out.contains("$-"), out);
        for (String line : out.split("\n")) {
            assertTrue(line.length() <= 100, "wider than 100 columns: " + line);
        }
    }

    /** Ten 120k-token prompts a second apart on one TP2 replica queue behind each other: a short run saturates too. */
    @Test
    void aShortOverloadedRunIsSaturatedToo() {
        CliRun r = CliRun.of("simulate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--tp", "2", "--isl",
                "120000", "--osl", "100", "--rate", "1", "--requests", "10");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("warning: saturated: "), r.out());
    }

    @Test
    void anOverloadedRunSaysItIsSaturatedAndGivesTheCapacity() throws Exception {
        CliRun table = CliRun.of(OVERLOADED);
        assertEquals(0, table.exitCode(), "without --fail-on-miss a miss is reported, not fatal: " + table.err());
        assertTrue(table.out().contains("warning: saturated: "), table.out());
        assertTrue(table.out().contains("but the fleet serves about"), table.out());
        assertTrue(table.out().contains("SLA at p90: TTFT ") && table.out().contains(": missed"), table.out());

        JsonNode j = JSON.readTree(CliRun.of(with(OVERLOADED, "--output", "json")).out());
        JsonNode s = j.get("saturation");
        assertTrue(s.get("saturated").asBoolean());
        double offered = s.get("offered_per_s").asDouble();
        double served = s.get("served_per_s").asDouble();
        assertEquals(40, offered, 6, "Poisson arrivals at 40 req/s");
        assertTrue(served > 5 && served < 0.6 * offered, "served " + served + " of " + offered);
        assertEquals(1, j.get("warnings").size());
    }

    @Test
    void aLoadWithinCapacityIsNotSaturated() throws Exception {
        CliRun r = CliRun.of("simulate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "5",
                "--duration", "15", "--isl", "2000", "--osl", "200", "--ttft", "1000", "--output", "json");
        JsonNode j = JSON.readTree(r.out());
        assertFalse(j.get("saturation").get("saturated").asBoolean(), j.toString());
        assertEquals(0, j.get("warnings").size(), j.get("warnings").toString());
        assertTrue(j.get("sla").get("met").asBoolean());
    }

    @Test
    void tensorParallelismAcrossNodesIsAWarning() {
        CliRun r = CliRun.of("simulate", "--model", "llama-3.1-70b", "--gpu", "h100-sxm", "--tp", "16",
                "--concurrency", "2", "--requests", "8", "--isl", "500", "--osl", "20");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().replaceAll("\\s+", " ").contains("warning: aggregated pool: tensor parallelism across "
                + "nodes: tp16 spans 16 GPUs per pipeline stage but one h100-sxm NVLink domain holds 8"), r.out());
    }

    @Test
    void failOnMissExitsWithItsOwnCodeOnlyWhenTheSlaIsMissed() {
        CliRun missed = CliRun.of(with(OVERLOADED, "--fail-on-miss"));
        assertEquals(ExitCodes.SLA_MISSED, missed.exitCode());
        assertEquals(3, ExitCodes.SLA_MISSED, "documented in the README and --help");
        assertTrue(missed.out().contains(": missed"), missed.out());
        CliRun met = CliRun.of("simulate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--concurrency", "2",
                "--requests", "20", "--isl", "500", "--osl", "50", "--ttft", "5000", "--tpot", "100",
                "--fail-on-miss");
        assertEquals(0, met.exitCode(), met.out() + met.err());
    }

    @Test
    void oldTargetNamesStillWorkWithAWarningAndBoundTheSameMetrics() throws Exception {
        String[] base = {"simulate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--concurrency", "4",
                "--requests", "40", "--isl", "1000", "--osl", "100", "--output", "json"};
        CliRun old = CliRun.of(with(base, "--ttft-sla", "80", "--itl-sla", "9", "--e2e-sla", "5000"));
        CliRun now = CliRun.of(with(base, "--ttft", "80", "--tpot", "9", "--e2e", "5000"));
        assertEquals(0, old.exitCode(), old.err());
        assertEquals(JSON.readTree(now.out()).get("sla"), JSON.readTree(old.out()).get("sla"),
                "--itl-sla bounded TPOT and still does");
        assertTrue(old.err().contains("--itl-sla is an old name of --tpot"), old.err());
        assertTrue(old.err().contains("--ttft-sla is an old name of --ttft"), old.err());
        assertTrue(now.err().isEmpty(), now.err());
    }

    @Test
    void itlBoundsEachGapAndTpotEachRequestsMean() throws Exception {
        String[] base = {"simulate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "6", "--duration",
                "10", "--isl", "2000", "--osl", "100", "--output", "json"};
        JsonNode j = JSON.readTree(CliRun.of(with(base, "--itl", "10", "--tpot", "50")).out());
        JsonNode sla = j.get("sla");
        assertEquals(j.get("itl").get("p90_ms").asDouble(), sla.get("itl_at_percentile_ms").asDouble(), 1e-3);
        assertEquals(j.get("tpot").get("p90_ms").asDouble(), sla.get("tpot_at_percentile_ms").asDouble(), 1e-3);
        boolean met = sla.get("itl_at_percentile_ms").asDouble() <= 10 && sla.get("tpot_at_percentile_ms").asDouble() <= 50;
        assertEquals(met, sla.get("met").asBoolean());
    }

    /**
     * Issue 18, finding 1 as filed: the plan's winner under an ITL bound (p90 of each gap 27 ms, its
     * requests' mean gap about 40 ms) must not read "met" beside a goodput that holds every request's
     * mean gap to the ITL bound. Goodput counts the per-request bounds only, as vLLM bench does.
     */
    @Test
    void anItlBoundIsNotCountedPerRequestInGoodput() throws Exception {
        String[] base = {"simulate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "6", "--duration",
                "10", "--isl", "2000", "--osl", "100", "--ttft", "5000", "--output", "json"};
        JsonNode itl = JSON.readTree(CliRun.of(with(base, "--itl", "1000")).out());
        JsonNode none = JSON.readTree(CliRun.of(base).out());
        assertEquals(none.get("sla_attainment").asDouble(), itl.get("sla_attainment").asDouble(), 1e-9,
                "an ITL bound changes the verdict, not which requests count as good");
        double tpotP50 = itl.get("tpot").get("p50_ms").asDouble();
        JsonNode tight = JSON.readTree(CliRun.of(with(base, "--itl", String.valueOf(tpotP50 * 0.9),
                "--tpot", "1000")).out());
        assertEquals(none.get("sla_attainment").asDouble(), tight.get("sla_attainment").asDouble(), 1e-9,
                "an ITL bound below most requests' mean gap still counts them: TPOT has its own bound");
        String text = CliRun.of(with(java.util.Arrays.copyOf(base, base.length - 2), "--itl", "1000")).out()
                .replaceAll("\\s+", " ");
        assertTrue(text.contains("ITL, one sample per token, has no per-request bound"), text);
    }

    static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
