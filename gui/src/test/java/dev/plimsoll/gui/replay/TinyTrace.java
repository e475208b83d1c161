package dev.plimsoll.gui.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A small Azure-format trace written for a test: a load that doubles halfway through. */
final class TinyTrace {
    private static final DateTimeFormatter AZURE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS");

    private TinyTrace() {
    }

    /** 2 req/s for 60 s, then 4 req/s for 75 s (a whole busiest minute on the 15 s grid); 1000 input and 100 output tokens each. */
    static Path write(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("TIMESTAMP,ContextTokens,GeneratedTokens\n");
        LocalDateTime t0 = LocalDateTime.of(2023, 11, 16, 18, 0, 0);
        for (double t = 0; t < 135; t += t < 60 ? 0.5 : 0.25) {
            sb.append(AZURE.format(t0.plusNanos((long) (t * 1e9)))).append(",1000,100\n");
        }
        Path f = dir.resolve("tiny_azure.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    /** Llama-3.1-8B on H100, aggregated, TTFT 1 s and ITL 50 ms at p90, start-up 30 s, interval 15 s. */
    static ReplayInputs inputs(Path trace, List<String> policies) {
        return new ReplayInputs(trace.toString(), 1, 0, "llama-3.1-8b", "h100-sxm", "agg", 1000, 50, 90, 30, 15,
                policies);
    }
}
