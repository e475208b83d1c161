package dev.plimsoll.perfmodel.sim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-hour Azure conversation trace through 16 replicas, as {@link AzureReplayBenchmark} times it:
 * what the run must produce. Its speed is a benchmark figure (the README's Speed section, from the
 * printed wall time or {@code AzureReplayBenchmark}), not a test: a timed assertion fails on a busy
 * machine for reasons that are not the simulator's.
 */
class AzureReplayBenchmarkTest {
    @Test
    void replaysTheAzureConversationTraceInFull() {
        AzureReplayBenchmark.Timed t = AzureReplayBenchmark.run();
        SimulationResult r = t.result();
        System.out.printf("Azure conv x 16 replicas: %.0f ms wall, %d steps%n", t.wallMs(), r.pools().get(0).steps());

        assertEquals(19_366, r.requests());
        assertEquals(19_366, r.finishedRequests());
        assertEquals(0.0, r.littleLaw().relativeError(), 1e-9);
        // the trace spans about 58 minutes; at under half load every request is served as it comes
        assertTrue(r.simulatedMs() > 57 * 60_000 && r.simulatedMs() < 60 * 60_000, "clock " + r.simulatedMs());
        assertTrue(r.pools().get(0).gpuUtilisation() > 0.3 && r.pools().get(0).gpuUtilisation() < 0.7);
        assertEquals(3500, r.timeSeries().size(), 60, "one sample a second");
    }
}
