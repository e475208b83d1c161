package dev.plimsoll.perfmodel.calib.table;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plimsoll.perfmodel.error.ReaderContract;

import java.io.ByteArrayInputStream;
import java.util.Arrays;

/**
 * Fuzzes the kernel table reader, plain or gzipped. The first input byte picks the family (its
 * ordinal modulo the family count), the rest is the file; seeds are excerpts of
 * ../shared/data/kernels tables with that byte in front (KernelTableFuzzTestInputs).
 */
class KernelTableFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void kernelTable(byte[] input) {
        if (input.length == 0) {
            return;
        }
        KernelFamily family = KernelFamily.values()[(input[0] & 0xff) % KernelFamily.values().length];
        byte[] table = Arrays.copyOfRange(input, 1, input.length);
        ReaderContract.holds(() -> KernelTableReader.read(new ByteArrayInputStream(table), "table.csv", family,
                "vllm"));
    }
}
