package dev.plimsoll.optimizer.fleet;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Workload files whose trace: cannot name a file are refused with the key's location. */
class FleetInputErrorsTest {
    @TempDir
    Path dir;

    private UserInputException error(String trace) throws IOException {
        Path file = Files.writeString(dir.resolve("workloads.yaml"), String.join("\n",
                "workloads:",
                "  - name: replay",
                "    model: llama-3.1-8b",
                "    trace: " + trace,
                "    rate: 3",
                "    ttft_ms: 400",
                "    itl_ms: 20") + "\n");
        return assertThrows(UserInputException.class, () -> FleetInput.workloads(file, FleetInputFuzzing.SPECS));
    }

    @Test
    void traceWithACharacterNoPathMayHoldIsAUserError() throws IOException {
        assertEquals(dir.resolve("workloads.yaml") + ":4:12: workloads[].trace is not a file path: Nul character "
                + "not allowed", error("\"a\\0b.csv\"").getMessage());
    }

    @Test
    void traceThatIsTheRootDirectoryIsAUserError() throws IOException {
        assertEquals("/: cannot tell the trace format from the file name; expected .csv (Azure: "
                + "TIMESTAMP,ContextTokens,GeneratedTokens) or .jsonl (Mooncake)", error("/").getMessage());
    }
}
