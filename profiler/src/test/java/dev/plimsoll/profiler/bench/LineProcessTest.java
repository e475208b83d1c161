package dev.plimsoll.profiler.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineProcessTest {

    @Test
    void aHelperThatSaysWhyAndExitsBeforeItsRequestIsReportedWithItsOwnWords(@TempDir Path dir) throws Exception {
        Path helper = FakeHelpers.script(dir.resolve("helper"), """
                #!/usr/bin/env bash
                echo "fatal cannot import torch: No module named 'torch'"
                exit 1
                """);
        try (LineProcess p = LineProcess.start("sdpa_bench", List.of(helper.toString()))) {
            Thread.sleep(500); // the helper is gone before the request is written: its stdin is closed
            LineProcess.HelperFailure failure = assertThrows(LineProcess.HelperFailure.class,
                    () -> p.request("point 1", 5));
            assertTrue(failure.getMessage().startsWith("sdpa_bench: cannot import torch"), failure.getMessage());
        }
    }

    @Test
    void aHelperThatExitsWithoutAWordIsNoLongerRunning(@TempDir Path dir) throws Exception {
        Path helper = FakeHelpers.script(dir.resolve("helper"), """
                #!/usr/bin/env bash
                exit 3
                """);
        try (LineProcess p = LineProcess.start("gemm_bench", List.of(helper.toString()))) {
            Thread.sleep(500);
            LineProcess.HelperFailure failure = assertThrows(LineProcess.HelperFailure.class,
                    () -> p.request("point 1", 5));
            assertTrue(failure.getMessage().startsWith("gemm_bench "), failure.getMessage());
        }
    }

    @Test
    void aHelperAnswersEachRequestInTurn(@TempDir Path dir) throws Exception {
        Path helper = FakeHelpers.script(dir.resolve("helper"), """
                #!/usr/bin/env bash
                while read -r line; do echo "ok $line"; done
                """);
        try (LineProcess p = LineProcess.start("echo", List.of(helper.toString()))) {
            assertEquals("ok a", p.request("a", 5));
            assertEquals("ok b", p.request("b", 5));
        }
    }
}
