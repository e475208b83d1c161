package dev.plimsoll.profiler.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProtocolAnswerTest {
    @Test
    void readsMeasurementsAndErrors() {
        ProtocolAnswer a = ProtocolAnswer.parse("ok 0.0125 0.0120 0.0131 160 5", "gemm");
        assertEquals(0.0125, a.timing().medianMs());
        assertEquals(160, a.timing().launches());
        assertEquals(5, a.timing().copies());
        ProtocolAnswer b = ProtocolAnswer.parse("ok 0.5 0.4 0.6 4 flash", "prefill");
        assertEquals("flash", b.extra());
        assertEquals(1, b.timing().copies());
        ProtocolAnswer e = ProtocolAnswer.parse("err no cuBLASLt algorithm", "gemm");
        assertFalse(e.ok());
        assertNull(e.timing());
        assertEquals("no cuBLASLt algorithm", e.error());
    }

    @Test
    void refusesWhatIsNeitherAndNonPositiveTimes() {
        assertThrows(IllegalStateException.class, () -> ProtocolAnswer.parse("ok 1 2", "gemm"));
        assertThrows(IllegalStateException.class, () -> ProtocolAnswer.parse("maybe 1 2 3 4 5", "gemm"));
        assertThrows(IllegalStateException.class, () -> ProtocolAnswer.parse("ok x 2 3 4 5", "gemm"));
        assertThrows(IllegalStateException.class, () -> ProtocolAnswer.parse("ok 0 0 0 4 5", "gemm"));
    }
}
