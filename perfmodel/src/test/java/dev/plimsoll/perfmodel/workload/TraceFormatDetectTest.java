package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A trace path without a file name (the root, from a fleet workload's {@code trace: /}) is the user's error. */
class TraceFormatDetectTest {

    @Test
    void aPathWithoutAFileNameIsAUserError() {
        UserInputException e = assertThrows(UserInputException.class, () -> TraceFormat.detect(Path.of("/")));
        assertEquals("/: cannot tell the trace format from the file name; expected .csv (Azure: "
                + "TIMESTAMP,ContextTokens,GeneratedTokens) or .jsonl (Mooncake)", e.getMessage());
    }

    @Test
    void formatsFollowTheExtension() {
        assertEquals(TraceFormat.AZURE_CSV, TraceFormat.detect(Path.of("a/b.CSV")));
        assertEquals(TraceFormat.MOONCAKE_JSONL, TraceFormat.detect(Path.of("b.jsonl")));
    }
}
