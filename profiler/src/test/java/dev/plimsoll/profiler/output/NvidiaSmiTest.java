package dev.plimsoll.profiler.output;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NvidiaSmiTest {
    @Test
    void readsTheQueryLineAndLeavesWhatIsNotReportedEmpty() {
        GpuState s = NvidiaSmi.parse("580.159.04, 1980, 3201, 1980, 3201, 40, 91.55, 700.00, P0, 0x0000000000000000\n",
                "before").orElseThrow();
        assertEquals(1980, s.smClockMhz());
        assertEquals(40, s.temperatureC());
        assertEquals(91.55, s.powerW());
        assertEquals("P0", s.pstate());
        GpuState na = NvidiaSmi.parse("580.1, [N/A], 3201, 1980, 3201, 40, [N/A], [N/A], P0, [N/A]", "after")
                .orElseThrow();
        assertNull(na.smClockMhz());
        assertNull(na.powerW());
        assertNull(na.throttleReasons());
        assertTrue(NvidiaSmi.parse("No devices were found", "x").isEmpty());
    }

    @Test
    void aMissingNvidiaSmiRecordsNothing() {
        assertTrue(new NvidiaSmi("/nonexistent/nvidia-smi").query("00000000:00:06.0", "before").isEmpty());
    }
}
