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
        String message = failureOfAHelperGoneBeforeItsRequest(dir, "sdpa_bench",
                "echo \"fatal cannot import torch: No module named 'torch'\"\nexit 1");
        assertTrue(message.startsWith("sdpa_bench: cannot import torch"), message);
    }

    @Test
    void aHelperThatExitsWithoutAWordIsNoLongerRunning(@TempDir Path dir) throws Exception {
        String message = failureOfAHelperGoneBeforeItsRequest(dir, "gemm_bench", "exit 3");
        assertTrue(message.startsWith("gemm_bench "), message);
    }

    /** Starts a helper running {@code body}, lets it exit (its stdin closes), then sends it a request. */
    private static String failureOfAHelperGoneBeforeItsRequest(Path dir, String name, String body) throws Exception {
        Path helper = FakeHelpers.script(dir.resolve(name), "#!/usr/bin/env bash\n" + body + "\n");
        try (LineProcess p = LineProcess.start(name, List.of(helper.toString()))) {
            Thread.sleep(500);
            return assertThrows(LineProcess.HelperFailure.class, () -> p.request("point 1", 5)).getMessage();
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
