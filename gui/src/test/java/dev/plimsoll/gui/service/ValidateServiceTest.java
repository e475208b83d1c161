package dev.plimsoll.gui.service;

import dev.plimsoll.gui.TestServices;
import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateServiceTest {
    private static final Path DATA = Path.of(System.getProperty("plimsoll.root", "."), "..", "shared", "data");
    private final ValidateService service = new ValidateService(TestServices.get());

    /** The header and the first {@code n} Qwen3-32B TensorRT-LLM rows of the shared H100 file. */
    private static Path rows(Path dir, int n) throws Exception {
        List<String> lines = Files.readAllLines(DATA.resolve("e2e/h100_sxm.csv"));
        List<String> picked = new java.util.ArrayList<>(List.of(lines.get(0)));
        lines.stream().filter(l -> l.startsWith("qwen_qwen3_32b_qwen_qwen3_32b_h100_sxm_trtllm_")).limit(n)
                .forEach(picked::add);
        Path csv = dir.resolve("rows.csv");
        Files.write(csv, picked);
        return csv;
    }

    @Test
    void aValidationCancelledWhileRunningReportsNothingAfterTheCancel(@TempDir Path dir) throws Exception {
        Path csv = rows(dir, 12);
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger reportsAfterCancel = new AtomicInteger();
        assertThrows(CancellationException.class, () -> service.validate(csv, DATA.resolve("hf-configs"), "",
                (m, f) -> {
                    if (cancelled.getAndSet(true)) {
                        reportsAfterCancel.incrementAndGet();
                    }
                },
                cancelled::get));
        assertTrue(cancelled.get(), "a row was predicted and reported before the cancel");
        assertEquals(0, reportsAfterCancel.get(), "no row reported after the cancel");
    }

    @Test
    void aFilterThatMatchesNoRowIsRefusedWithTheFileAndTheFilter(@TempDir Path dir) throws Exception {
        Path csv = rows(dir, 2);
        UserInputException e = assertThrows(UserInputException.class, () -> service.validate(csv,
                DATA.resolve("hf-configs"), "no-such-model", (m, f) -> { }, Cancellation.NEVER));
        assertTrue(e.getMessage().contains("no-such-model") && e.getMessage().contains(csv.toString()), e.getMessage());
    }
}
