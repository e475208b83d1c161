package dev.plimsoll.gui.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputsStoreTest {
    @Test
    void savedInputsComeBack(@TempDir Path dir) {
        InputsStore store = new InputsStore(dir.resolve("plimsoll").resolve("gui.properties"));
        PlanInputs in = new PlanInputs("/data/config.json", List.of("h200-sxm", "b200"), "trtllm", "fp8", 2048, 256, 128,
                PlanInputs.LoadKind.CONCURRENCY, 64, 750, 12.5, 50, "disagg", true, "");
        store.save(in);
        assertEquals(in, store.load().orElseThrow());
    }

    @Test
    void aTpotTargetIsRememberedAndOlderFilesHaveNone(@TempDir Path dir) throws Exception {
        InputsStore store = new InputsStore(dir.resolve("gui.properties"));
        PlanInputs in = new PlanInputs("qwen3-32b", List.of("h200-sxm"), "vllm", "fp8", 2048, 256, 0,
                PlanInputs.LoadKind.RATE, 4, 750, 35, Double.POSITIVE_INFINITY, 90, "agg", true, "");
        store.save(in);
        assertEquals(in, store.load().orElseThrow());
        Path old = dir.resolve("old.properties");
        Files.writeString(old, "model=qwen3-32b\ngpus=h200-sxm\nengine=vllm\nquant=fp8\nisl=2048\nosl=256\n"
                + "load_kind=rate\nload_value=4\nttft_ms=750\nitl_ms=12.5\npercentile=90\nmode=agg\n");
        PlanInputs before = new InputsStore(old).load().orElseThrow();
        assertEquals(Double.POSITIVE_INFINITY, before.tpotMs(), "files from before the TPOT target bound ITL only");
        assertEquals(12.5, before.itlMs());
    }

    @Test
    void aDamagedFileStartsFromTheDefaults(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gui.properties");
        Files.writeString(f, "model=qwen3-32b\nisl=lots\n");
        assertTrue(new InputsStore(f).load().isEmpty());
        assertTrue(new InputsStore(dir.resolve("absent.properties")).load().isEmpty());
    }
}
