package dev.plimsoll.perfmodel.workload;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plimsoll.perfmodel.error.ReaderContract;

/** Fuzzes the Azure LLM trace reader over a whole file; seeds are excerpts of the Azure 2023 traces. */
class AzureTraceFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void azureTrace(byte[] input) {
        var file = ReaderContract.file("trace.csv", input);
        ReaderContract.holds(() -> {
            try (AzureTraceReader r = new AzureTraceReader(file)) {
                while (r.next() != null) {
                    // every line is read; the reader stops at the end of the file
                }
            }
        });
    }
}
