package dev.plimsoll.perfmodel.workload;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plimsoll.perfmodel.error.ReaderContract;

/** Fuzzes the Mooncake JSONL trace reader over a whole file; seeds follow the Mooncake trace format. */
class MooncakeTraceFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void mooncakeTrace(byte[] input) {
        var file = ReaderContract.file("trace.jsonl", input);
        ReaderContract.holds(() -> {
            try (MooncakeTraceReader r = new MooncakeTraceReader(file)) {
                while (r.next() != null) {
                    // every line is read; the reader stops at the end of the file
                }
            }
        });
    }
}
