package dev.plimsoll.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The errors of {@code plimsoll autoscale run} that come before any cluster is contacted. */
class AutoscaleRunCommandTest {
    @TempDir
    Path dir;

    private Path example() throws Exception {
        return Path.of("..", "deploy", "examples", "serving-autoscaler.yaml");
    }

    @Test
    void aBadFieldNamesTheFileAndTheField() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(example()).replace("targetKind: Deployment", "targetKind: ReplicaSet"));
        CliRun r = CliRun.of("autoscale", "run", "--config", bad.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(bad.toString()) && r.err().contains("spec.pools[0].targetKind"), r.err());
    }

    @Test
    void anUnknownFieldAndBrokenYamlAreBadInput() throws Exception {
        Path unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, Files.readString(example()).replace("  dryRun: false", "  dryRn: false"));
        CliRun r = CliRun.of("autoscale", "run", "--config", unknown.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("dryRn"), r.err());
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "spec: [unclosed\n");
        r = CliRun.of("autoscale", "run", "--config", broken.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(broken.toString()), r.err());
    }

    @Test
    void anUnknownModelNamesTheFile() throws Exception {
        Path bad = dir.resolve("model.yaml");
        Files.writeString(bad, Files.readString(example()).replace("model: llama-3.1-8b", "model: no-such-model"));
        CliRun r = CliRun.of("autoscale", "run", "--config", bad.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(bad.toString()) && r.err().contains("no-such-model"), r.err());
    }

    @Test
    void neitherAConfigNorWatchIsBadInput() {
        CliRun r = CliRun.of("autoscale", "run");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--config"), r.err());
        assertEquals(2, CliRun.of("autoscale", "run", "--config", dir.resolve("absent.yaml").toString()).exitCode());
    }
}
