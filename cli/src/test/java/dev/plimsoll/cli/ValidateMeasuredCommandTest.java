package dev.plimsoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code validate --measured} with the benchmark protocol options. */
class ValidateMeasuredCommandTest {
    private static final Path DATA = Path.of(System.getProperty("plimsoll.root", ".."))
            .resolve("../shared/data").normalize();

    /** The header, one aiperf-style Qwen3-32B row and one InferenceX Llama-3.1-70B row of the shared file. */
    private static Path twoRows(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(DATA.resolve("e2e/h100_sxm.csv"));
        String aiperf = lines.stream().filter(l -> l.startsWith("qwen_qwen3_32b_qwen_qwen3_32b_h100_sxm_vllm_agg_1024x128_c8_"))
                .findFirst().orElseThrow();
        String inferenceX = lines.stream().filter(l -> l.startsWith("2026_04_06_llama_3_1_70b")).findFirst().orElseThrow();
        Path csv = dir.resolve("two.csv");
        Files.write(csv, List.of(lines.get(0), aiperf, inferenceX));
        return csv;
    }

    private static JsonNode run(Path csv, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("validate", "--measured", csv.toString(),
                "--models-dir", DATA.resolve("hf-configs").toString(), "--rows", "--output", "json"));
        args.addAll(List.of(extra));
        CliRun r = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    private static List<Double> ttfts(JsonNode j) {
        List<Double> out = new java.util.ArrayList<>();
        j.get("predictions").forEach(p -> out.add(p.get("predicted_ttft_ms").asDouble()));
        return out;
    }

    @Test
    void theClientAndTheRequestsPerClientChangeThePredictionAndAutoTellsTheClientFromTheRowId(@TempDir Path dir)
            throws Exception {
        Path csv = twoRows(dir);
        JsonNode auto = run(csv);
        assertEquals(2, auto.get("covered").asInt());
        JsonNode allAiperf = run(csv, "--client", "aiperf");
        JsonNode allInferenceX = run(csv, "--client", "inferencex");
        List<Double> a = ttfts(auto);
        List<Double> p = ttfts(allAiperf);
        List<Double> x = ttfts(allInferenceX);
        // auto reads the first row as aiperf's and the second (named after a campaign date) as InferenceX's
        assertEquals(p.get(0), a.get(0), 1e-9);
        assertEquals(x.get(1), a.get(1), 1e-9);
        assertTrue(x.get(1) < p.get(1), "InferenceX's prompts are drawn from [0.8 ISL, ISL]: shorter on average, "
                + "so its TTFT is below aiperf's fixed-length one: " + x.get(1) + " vs " + p.get(1));
        JsonNode pooled = run(csv, "--dataset-entries", "8");
        assertTrue(ttfts(pooled).get(0) < 0.8 * a.get(0), "eight prompts sent ten times each: vLLM's prefix cache "
                + "serves the repeats: " + ttfts(pooled).get(0) + " vs " + a.get(0));
        JsonNode longer = run(csv, "--requests-per-client", "30");
        assertTrue(ttfts(longer).get(0) < a.get(0), "more rounds dilute the opening burst, whose prompts all queue "
                + "at once: " + ttfts(longer).get(0) + " vs " + a.get(0));
    }

    @Test
    void theTtftIsSplitIntoWhatGrowsWithThePromptAndWhatDoesNot(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(DATA.resolve("e2e/h100_sxm.csv"));
        // Llama-3.1-70B at TP 4 and 4 clients: 1k and 8k prompts (80.5 and 453.3 ms measured)
        List<String> rows = lines.stream().filter(l -> l.startsWith("2026_04_06_llama_3_1_70b_h100_sxm_vllm_fp8_agg_")
                && (l.contains("1024x1024_c4_tp4_") || l.contains("8192x1024_c4_tp4_"))).collect(Collectors.toList());
        assertEquals(2, rows.size());
        Path csv = dir.resolve("lengths.csv");
        Files.write(csv, List.of(lines.get(0), rows.get(0), rows.get(1)));

        JsonNode fit = run(csv).get("ttft_by_prompt_length").get(0);
        assertEquals("meta-llama/Llama-3.1-70B", fit.get("model").asText());
        assertEquals(4, fit.get("clients").asInt());
        assertEquals(1, fit.get("lines").asInt());
        // the line through (1024, 80.5) and (8192, 453.3): 52.0 ms per 1k tokens, 27.2 ms fixed
        assertEquals(52.0, fit.get("measured_ms_per_1k_tokens").asDouble(), 0.05);
        assertEquals(27.2, fit.get("measured_fixed_ms").asDouble(), 0.1);
        double slope = fit.get("predicted_ms_per_1k_tokens").asDouble();
        assertTrue(slope > 30 && slope < 80, "a 70B prefill over four H100s costs tens of ms per 1k tokens: " + slope);
    }

    @Test
    void aBadRowOrAnUnknownModelIsListedWithItsLineAndTheRestIsScored(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(twoRows(dir));
        String bad = lines.get(1).replaceFirst(",8,", ",eight,");
        String unknown = lines.get(1).replace("Qwen/Qwen3-32B", "acme/NoSuchModel-7B");
        Path csv = dir.resolve("mixed.csv");
        Files.write(csv, List.of(lines.get(0), lines.get(1), bad, unknown, lines.get(2)));
        JsonNode j = run(csv);
        assertEquals(4, j.get("rows").asInt(), "every line is a fully specified row, the bad one included");
        assertEquals(2, j.get("covered").asInt());
        assertEquals(0.5, j.get("coverage").asDouble(), 1e-9);
        JsonNode uncovered = j.get("uncovered");
        assertEquals(2, uncovered.size());
        assertEquals(3, uncovered.get(0).get("line").asInt());
        assertTrue(uncovered.get(0).get("why").asText().endsWith(":3: column concurrency must be an integer, got 'eight'"),
                uncovered.get(0).toString());
        assertEquals(4, uncovered.get(1).get("line").asInt());
        assertTrue(uncovered.get(1).get("why").asText().contains("acme--NoSuchModel-7B.json"), uncovered.get(1).toString());
        JsonNode gpu = j.get("gpus").get("h100_sxm");
        assertEquals(3, gpu.get("rows").asInt(), "the malformed line names no GPU");
        assertEquals(2, gpu.get("covered").asInt());
        assertEquals(j.get("ttft_median_ape").asDouble(), gpu.get("ttft_median_ape").asDouble(), 1e-12,
                "one GPU: its figures are the headline's");
        assertEquals(0, j.get("underspecified").get("rows").asInt());
    }

    @Test
    void rowsOfModelsThatAreNotBundledAreOneSummaryLineWithoutModelsDir(@TempDir Path dir) throws Exception {
        // issue 18, finding 9: without --models-dir every row of an unbundled model printed a line of its own
        List<String> lines = Files.readAllLines(twoRows(dir));
        List<String> csv = new java.util.ArrayList<>(List.of(lines.get(0)));
        for (int i = 0; i < 30; i++) {
            csv.add(lines.get(1).replace("Qwen/Qwen3-32B", "acme/NoSuchModel-" + (i % 3) + "B"));
        }
        Path file = dir.resolve("unbundled.csv");
        Files.write(file, csv);
        CliRun r = CliRun.of("validate", "--measured", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> notPredicted = r.out().lines().dropWhile(l -> !l.endsWith(" not predicted:")).skip(1).toList();
        String summary = String.join(" ", notPredicted).replaceAll("\\s+", " ").strip();
        assertTrue(summary.startsWith("30 rows (lines 2, 3, 4, 5, 6, 7, 8, 9, ...) name 3 models that are not bundled: "
                + "give --models-dir DIR"), r.out());
        assertTrue(notPredicted.size() <= 3, "one wrapped summary, not 30 lines: " + r.out());
        assertTrue(!r.out().contains("NaN"), r.out());
    }

    @Test
    void disaggregatedRowsWithoutWorkerCountsAreScoredApartFromTheHeadline(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(DATA.resolve("e2e/h100_sxm.csv"));
        String header = lines.get(0);
        List<String> cols = List.of(header.split(","));
        String disagg = lines.stream().filter(l -> {
            String[] c = l.split(",", -1);
            return c[cols.indexOf("mode")].equals("disagg") && c[cols.indexOf("prefill_num_workers")].isEmpty()
                    && !c[cols.indexOf("concurrency")].isEmpty();
        }).findFirst().orElseThrow();
        Path csv = dir.resolve("under.csv");
        Files.write(csv, List.of(header, Files.readAllLines(twoRows(dir)).get(1), disagg));
        JsonNode j = run(csv);
        assertEquals(1, j.get("rows").asInt());
        assertEquals(1, j.get("covered").asInt());
        JsonNode under = j.get("underspecified");
        assertEquals(1, under.get("rows").asInt());
        assertEquals(1, under.get("covered").asInt());
        JsonNode row = j.get("predictions").get(1);
        assertTrue(row.get("underspecified").asBoolean());
        assertTrue(row.get("assumption").asText().contains("one prefill and one decode worker assumed"), row.toString());
        double ape = Math.abs(row.get("predicted_ttft_ms").asDouble() / row.get("measured_ttft_ms").asDouble() - 1);
        assertEquals(ape, under.get("ttft_median_ape").asDouble(), 1e-3, "its own summary scores it");
    }

    @Test
    void aFileWithoutARequiredColumnExits2(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("short.csv");
        Files.write(csv, List.of("id,concurrency,backend", "a,8,vllm"));
        CliRun r = CliRun.of("validate", "--measured", csv.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("short.csv:1: missing column(s) model_path"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void badProtocolOptionsExit2(@TempDir Path dir) throws Exception {
        Path csv = twoRows(dir);
        CliRun client = CliRun.of("validate", "--measured", csv.toString(), "--client", "locust");
        assertEquals(2, client.exitCode());
        assertTrue(client.err().contains("unknown --client 'locust'"), client.err());
        CliRun rounds = CliRun.of("validate", "--measured", csv.toString(), "--requests-per-client", "0");
        assertEquals(2, rounds.exitCode());
        assertTrue(rounds.err().contains("requests per client must be >= 1, got 0"), rounds.err());
        CliRun pool = CliRun.of("validate", "--measured", csv.toString(), "--dataset-entries", "-1");
        assertEquals(2, pool.exitCode());
        assertTrue(pool.err().contains("dataset entries must be >= 0"), pool.err());
        assertTrue(List.of(client.err(), rounds.err()).stream().map(String::strip).collect(Collectors.toList())
                .stream().allMatch(e -> e.lines().count() <= 2), "one clear message each");
    }
}
