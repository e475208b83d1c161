package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.nio.file.Path;
import java.util.Locale;

/** Request-trace file formats the simulator replays. */
public enum TraceFormat {
    /**
     * Azure LLM inference trace (Microsoft Azure Public Dataset, 2023 and 2024): CSV with columns
     * TIMESTAMP, ContextTokens, GeneratedTokens.
     */
    AZURE_CSV,
    /**
     * Mooncake trace (kvcache-ai/Mooncake, FAST'25 artifact): JSON lines with timestamp (ms),
     * input_length, output_length and hash_ids of 512-token prefix blocks.
     */
    MOONCAKE_JSONL;

    /** Prefix-block size of the Mooncake traces (Mooncake repository, mooncake_trace README). */
    public static final int MOONCAKE_HASH_BLOCK_TOKENS = 512;

    /** Guesses the format from the file name: {@code .csv} or {@code .jsonl} / {@code .json}. */
    public static TraceFormat detect(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".csv.txt")) {
            return AZURE_CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            return MOONCAKE_JSONL;
        }
        throw new UserInputException(file + ": cannot tell the trace format from the file name; expected .csv"
                + " (Azure: TIMESTAMP,ContextTokens,GeneratedTokens) or .jsonl (Mooncake)");
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
