package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A trace that is not UTF-8 text is the user's error at its line (found by AzureTraceFuzzTest and MooncakeTraceFuzzTest). */
class TraceEncodingTest {
    @TempDir
    Path dir;

    private Path file(String name, String before, byte[] bad, String after) throws IOException {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + bad.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(bad, 0, all, a.length, bad.length);
        System.arraycopy(c, 0, all, a.length + bad.length, c.length);
        return Files.write(dir.resolve(name), all);
    }

    @Test
    void azureTraceWithBytesThatAreNotUtf8IsRefusedAtTheirLineAndColumn() throws IOException {
        Path trace = file("t.csv", "TIMESTAMP,ContextTokens,Generated", new byte[] {(byte) 0xd5}, "okens\n0.0,10,1\n");
        UserInputException e = assertThrows(UserInputException.class, () -> new AzureTraceReader(trace).close());
        assertEquals(trace + ":1:34: not UTF-8 text (is this a trace file?)", e.getMessage());
    }

    @Test
    void mooncakeTraceWithBytesThatAreNotUtf8IsRefusedAtTheirLineAndColumn() throws IOException {
        Path trace = file("t.jsonl", "{\"timestamp\": 12, \"input_length\": 100, \"output_length\": 1}\n\n{\"a",
                new byte[] {(byte) 0xff, (byte) 0xff}, "\": 1}\n");
        try (MooncakeTraceReader r = new MooncakeTraceReader(trace)) {
            r.next();
            UserInputException e = assertThrows(UserInputException.class, r::next);
            assertEquals(trace + ":3:4: not UTF-8 text (is this a trace file?)", e.getMessage());
        }
    }
}
