package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.cuda.DeviceInfo;
import dev.plimsoll.profiler.plan.ProfileDepth;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BenchSettingsTest {
    private static DeviceInfo device(long l2) {
        return new DeviceInfo(0, "NVIDIA H200", 9, 0, 132, 150L << 30, l2, 0, 0, 0, 232_448, "00000000:00:06.0",
                13000);
    }

    @Test
    void buffersRotatePastSeveralTimesTheL2() {
        BenchSettings s = BenchSettings.of(ProfileDepth.QUICK, device(100L << 20));
        assertEquals(300L << 20, s.rotateBytes());
        assertEquals(ProfileDepth.QUICK.repeats(), s.repeats());
        assertEquals(256L << 20, BenchSettings.of(ProfileDepth.FULL, device(4L << 20)).rotateBytes());
        assertEquals(30, s.copies(10 << 20, 64));
        assertEquals(64, s.copies(1, 64));
        assertEquals(1, s.copies(1L << 32, 64));
    }
}
