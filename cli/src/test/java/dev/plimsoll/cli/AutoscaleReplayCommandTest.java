package dev.plimsoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plimsoll autoscale replay} end to end on a small Azure-format trace. */
class AutoscaleReplayCommandTest {
    @TempDir
    Path dir;

    /** Two minutes of requests, 10 then 30 per second, in the Azure CSV format. */
    private Path trace() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        List<String> lines = new ArrayList<>();
        lines.add("TIMESTAMP,ContextTokens,GeneratedTokens");
        double t = 0;
        while (t < 120) {
            t += -Math.log(1 - random.nextDouble()) / (t < 60 ? 10 : 30);
            int s = (int) t;
            lines.add(String.format(Locale.ROOT, "2023-11-16 18:%02d:%02d.%07d,%d,%d", s / 60, s % 60,
                    (long) ((t - s) * 1e7), 600 + random.nextInt(400), 100 + random.nextInt(100)));
        }
        Path f = dir.resolve("small.csv");
        Files.write(f, lines);
        return f;
    }

    private String[] args(Path trace, String... more) {
        List<String> all = new ArrayList<>(List.of("autoscale", "replay", "--trace", trace.toString(), "--model",
                "llama-3.1-8b", "--gpu", "h100-sxm", "--tp", "1", "--ttft", "1000", "--itl", "30", "--startup-s",
                "20", "--roofline"));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void jsonCarriesTheDocumentedKeysAndSaveDirItsFiles() throws Exception {
        Path out = dir.resolve("out");
        CliRun r = CliRun.of(args(trace(), "--policy", "plimsoll,static-peak", "--output", "json", "--save-dir",
                out.toString()));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(2, doc.get("policies").size());
        for (JsonNode p : doc.get("policies")) {
            for (String key : List.of("sla_attainment", "gpu_hours", "scaling_actions", "ttft_p90_ms", "itl_p90_ms")) {
                assertTrue(p.has(key), key + " in " + p);
            }
            String name = p.get("policy").asText();
            assertTrue(Files.size(out.resolve(name + ".png")) > 1000);
            assertTrue(Files.readAllLines(out.resolve(name + "-intervals.csv")).size() > 2);
            assertTrue(Files.exists(out.resolve(name + ".json")));
        }
        assertEquals(0, doc.get("policies").get(1).get("scaling_actions").asInt(), "static never scales");
    }

    @Test
    void anUnknownPolicyIsAUserError() throws Exception {
        CliRun r = CliRun.of(args(trace(), "--policy", "magic"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("magic"), r.err());
    }
}
