package dev.plimsoll.perfmodel.calib;

import java.nio.file.Path;

/** Where the shared reference data lives: ../shared/data relative to the reactor root. */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        return Path.of(System.getProperty("plimsoll.root", ".."), "..", "shared", "data").normalize();
    }

    /** Kernel tables of one GPU, for example {@code h100_sxm}. */
    public static Path kernels(String gpuDir) {
        return root().resolve("kernels").resolve(gpuDir);
    }
}
