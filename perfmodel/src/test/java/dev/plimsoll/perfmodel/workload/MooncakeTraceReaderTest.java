package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MooncakeTraceReaderTest {
    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("trace.jsonl");
        Files.writeString(file, content);
        return file;
    }

    private static List<TimedRequest> readAll(Path file) {
        List<TimedRequest> all = new ArrayList<>();
        try (ArrivalSource source = new MooncakeTraceReader(file)) {
            for (TimedRequest r = source.next(); r != null; r = source.next()) {
                all.add(r);
            }
        }
        return all;
    }

    private static String failure(Path file) {
        return assertThrows(UserInputException.class, () -> readAll(file)).getMessage();
    }

    @Test
    void readsTimesSizesAndPrefixBlocks() throws IOException {
        Path file = write("{\"timestamp\": 27482, \"input_length\": 1100, \"output_length\": 52, \"hash_ids\": [46, 47, 48]}\n"
                + "{\"timestamp\": 30535, \"input_length\": 600, \"output_length\": 0, \"hash_ids\": [46, 49]}\n"
                + "\n{\"timestamp\": 30535, \"input_length\": 10, \"output_length\": 3}\n");
        List<TimedRequest> all = readAll(file);
        assertEquals(3, all.size());
        assertEquals(0.0, all.get(0).arrivalMs());
        assertEquals(3053.0, all.get(1).arrivalMs());
        assertArrayEquals(new long[] {46, 47, 48}, all.get(0).shape().prefixHashes());
        assertEquals(512, all.get(0).shape().hashBlockTokens());
        assertEquals(1, all.get(1).shape().outputTokens(), "0 generated tokens replays as the first token");
        assertEquals(0, all.get(2).shape().prefixHashes().length);
        assertEquals(TraceFormat.MOONCAKE_JSONL, TraceFormat.detect(file));
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws IOException {
        Path file = write("{\"timestamp\": 1, \"input_length\": 10, \"output_length\": 3}\n"
                + "{\"timestamp\": 2, \"input_length\": 10 \"output_length\": 3}\n");
        String message = failure(file);
        assertTrue(message.startsWith(file + ":2:37: malformed JSON: Unexpected character ('\"'"), message);
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        Path file = write("{\"timestamp\": 1, \"output_length\": 3}\n");
        assertEquals(file + ":1:1: missing field 'input_length'", failure(file));
    }

    @Test
    void negativeLengthIsRefused() throws IOException {
        Path file = write("{\"timestamp\": 1, \"input_length\": 10, \"output_length\": -3}\n");
        assertEquals(file + ":1:38: output_length = -3 is negative", failure(file));
    }

    @Test
    void fractionalLengthIsRefused() throws IOException {
        Path file = write("{\"timestamp\": 1, \"input_length\": 10.5, \"output_length\": 3}\n");
        assertEquals(file + ":1:18: input_length '10.5' is not a whole number of tokens", failure(file));
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path file = write("\n\n");
        assertEquals(file + ": empty trace: no requests (expected one JSON object per line with timestamp,"
                + " input_length, output_length)", failure(file));
    }

    @Test
    void nonArrayHashesAreRefused() throws IOException {
        Path file = write("{\"timestamp\": 1, \"input_length\": 10, \"output_length\": 3, \"hash_ids\": 7}\n");
        assertEquals(file + ":1:58: hash_ids must be an array of block ids", failure(file));
    }
}
