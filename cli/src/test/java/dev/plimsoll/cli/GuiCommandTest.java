package dev.plimsoll.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plimsoll gui}'s options; the views themselves are tested in the gui module. */
class GuiCommandTest {
    @Test
    void helpNamesTheSnapshotAndBenchmarkOptions() {
        CliRun r = CliRun.of("gui", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--snapshot=DIR"), r.out());
        assertTrue(r.out().contains("--bench-replan=N"), r.out());
    }

    @Test
    void snapshotAndBenchmarkTogetherAreRefused() {
        CliRun r = CliRun.of("gui", "--snapshot", "out", "--bench-replan", "3");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("--snapshot and --bench-replan"), r.err());
    }

    @Test
    void aBenchmarkOfNoMovesIsRefused() {
        CliRun r = CliRun.of("gui", "--bench-replan", "0");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("--bench-replan must be >= 1, got 0"), r.err());
    }
}
