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
    void aDamagedFileStartsFromTheDefaults(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gui.properties");
        Files.writeString(f, "model=qwen3-32b\nisl=lots\n");
        assertTrue(new InputsStore(f).load().isEmpty());
        assertTrue(new InputsStore(dir.resolve("absent.properties")).load().isEmpty());
    }
}
