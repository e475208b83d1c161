package dev.plimsoll.perfmodel.validate;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plimsoll.perfmodel.error.ReaderContract;

/** Fuzzes the measured-deployment CSV reader; seeds are excerpts of ../shared/data/e2e/*.csv. */
class AicSiliconReaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void measuredCsv(byte[] input) {
        var file = ReaderContract.file("measured.csv", input);
        ReaderContract.holds(() -> AicSiliconReader.read(file));
    }
}
