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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
        assertNotEquals(p.get(1), a.get(1), "the InferenceX launch and lengths change the Llama-3.1-70B row");
        JsonNode longer = run(csv, "--requests-per-client", "30");
        assertNotEquals(a.get(0), ttfts(longer).get(0), "more rounds dilute the opening burst");
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
        assertTrue(List.of(client.err(), rounds.err()).stream().map(String::strip).collect(Collectors.toList())
                .stream().allMatch(e -> e.lines().count() <= 2), "one clear message each");
    }
}
