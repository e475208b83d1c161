package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AzureTraceReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static List<TimedRequest> readAll(Path file) {
        List<TimedRequest> all = new ArrayList<>();
        try (ArrivalSource source = new AzureTraceReader(file)) {
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
    void readsTheAzureConversationTrace() {
        List<TimedRequest> all = readAll(TraceFiles.azureConversation());
        assertEquals(19_366, all.size());
        assertEquals(0.0, all.get(0).arrivalMs());
        // shared/data/README.md: ISL mean 1,155, OSL mean 211, about 58 minutes
        double isl = all.stream().mapToInt(r -> r.shape().inputTokens()).average().orElseThrow();
        double osl = all.stream().mapToInt(r -> r.shape().outputTokens()).average().orElseThrow();
        assertEquals(1155, isl, 1);
        assertEquals(211, osl, 1);
        double lastMinutes = all.get(all.size() - 1).arrivalMs() / 60_000;
        assertTrue(lastMinutes > 57 && lastMinutes < 59, "last arrival at " + lastMinutes + " min");
        // first two lines: 18:15:46.6805900 and 18:15:50.9951690
        assertEquals(4314.5790, all.get(1).arrivalMs(), 1e-6);
        assertEquals(374, all.get(0).shape().inputTokens());
        assertEquals(44, all.get(0).shape().outputTokens());
    }

    @Test
    void acceptsColumnsInAnyOrderQuotesExtraColumnsBlankLinesAndCrlf() throws IOException {
        Path file = write("t.csv", "\uFEFFGeneratedTokens,extra,\"TIMESTAMP\",ContextTokens\r\n"
                + "10,x,2024-05-10 00:00:00.5,100\r\n\r\n"
                + "\"20\",y,2024-05-10 00:00:01Z,200\r\n");
        List<TimedRequest> all = readAll(file);
        assertEquals(2, all.size());
        assertEquals(500.0, all.get(1).arrivalMs(), 1e-9);
        assertEquals(new RequestShape(200, 20), all.get(1).shape());
    }

    @Test
    void plainSecondsAndTimezoneOffsetsAreTimes() throws IOException {
        Path seconds = write("s.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n1.5,10,1\n3.25,10,1\n");
        assertEquals(1750.0, readAll(seconds).get(1).arrivalMs(), 1e-9);
        Path zones = write("z.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n"
                + "2024-05-10 01:00:00+01:00,10,1\n2024-05-10 00:00:02+00:00,10,1\n");
        assertEquals(2000.0, readAll(zones).get(1).arrivalMs(), 1e-9);
    }

    @Test
    void zeroGeneratedTokensStillCountsTheFirstToken() throws IOException {
        Path file = write("z.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,100,0\n");
        assertEquals(1, readAll(file).get(0).shape().outputTokens());
    }

    @Test
    void malformedNumberNamesFileLineAndColumn() throws IOException {
        Path file = write("bad.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n"
                + "2023-11-16 18:15:46.6805900,374,44\n"
                + "2023-11-16 18:15:50.9951690,3x6,109\n");
        assertEquals(file + ":3:29: ContextTokens '3x6' is not a whole number of tokens", failure(file));
    }

    @Test
    void negativeTokenCountIsRefused() throws IOException {
        Path file = write("neg.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,100,-5\n");
        assertEquals(file + ":2:25: GeneratedTokens = -5 is negative", failure(file));
    }

    @Test
    void zeroPromptIsRefused() throws IOException {
        Path file = write("zero.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,0,5\n");
        assertTrue(failure(file).startsWith(file + ":2:21: ContextTokens = 0"));
    }

    @Test
    void missingColumnNamesTheColumnAndTheHeader() throws IOException {
        Path file = write("cols.csv", "TIMESTAMP,ContextTokens\n2023-11-16 18:15:46,100\n");
        assertEquals(file + ": missing column GeneratedTokens in header line 1 ('TIMESTAMP,ContextTokens'); an Azure"
                + " trace needs TIMESTAMP, ContextTokens and GeneratedTokens", failure(file));
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path file = write("empty.csv", "");
        assertEquals(file + ": empty trace: expected a header line TIMESTAMP,ContextTokens,GeneratedTokens",
                failure(file));
    }

    @Test
    void headerWithoutRequestsIsRefused() throws IOException {
        Path file = write("header.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n\n");
        assertEquals(file + ": trace has a header but no requests", failure(file));
    }

    @Test
    void shortLineIsRefused() throws IOException {
        Path file = write("short.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,100\n");
        assertEquals(file + ":2:1: expected at least 3 comma-separated fields, found 2", failure(file));
    }

    @Test
    void badTimestampIsRefused() throws IOException {
        Path file = write("time.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-13-16 18:15:46,100,5\n");
        assertTrue(failure(file).startsWith(file + ":2:1: TIMESTAMP '2023-13-16 18:15:46' is not a time"));
    }

    @Test
    void timeGoingBackwardsIsRefused() throws IOException {
        Path file = write("order.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n"
                + "2023-11-16 18:15:46,100,5\n2023-11-16 18:15:45,100,5\n");
        assertTrue(failure(file).contains(":3:1: timestamp '2023-11-16 18:15:45' is earlier than the line before"));
    }

    @Test
    void missingFileIsAUserError() {
        Path file = dir.resolve("nope.csv");
        assertEquals(file + ": trace file not found",
                assertThrows(UserInputException.class, () -> new AzureTraceReader(file)).getMessage());
    }

    @Test
    void streamsAndEndsWithNull() throws IOException {
        Path file = write("one.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,100,5\n");
        try (ArrivalSource source = new AzureTraceReader(file)) {
            assertEquals(new RequestShape(100, 5), source.next().shape());
            assertNull(source.next());
            assertNull(source.next());
        }
    }
}
