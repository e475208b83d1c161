package dev.plimsoll.perfmodel.calib;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.error.ReaderContract;

/**
 * Fuzzes reading a calibration bundle a user passes as a directory: its bundle.yaml, then each
 * table it names (absent here, which must be a user error too). Seeds are the shipped manifests.
 */
class BundleManifestFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void bundleYaml(byte[] input) {
        var dir = ReaderContract.file(BundleManifest.FILE, input).getParent();
        ReaderContract.holds(() -> {
            CalibrationBundle b = BundleIo.read(dir);
            for (KernelFamily f : b.families()) {
                b.rows(f);
            }
        });
    }
}
