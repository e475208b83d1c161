package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SGLang's --scheduler-recv-interval: while the engine only decodes, its scheduler reads arrived
 * requests on every n-th turn of its loop; after a prefill it reads at once (scheduler_recv_skipper.py).
 */
class RecvIntervalTest {
    /** Constant decode steps (no context term): 5.01 ms each; a 100-token prefill 10 ms. */
    private static final LinearStepTime MODEL = new LinearStepTime(5.0, 0.05, 0.01, 0.0);
    private static final double DECODE_MS = MODEL.decodeMs(1, 0);

    private static SimulationResult run(int recvInterval, List<TimedRequest> requests) {
        EngineConfig engine = Sims.engine(SchedulerProfile.SGLANG, 100_000, 16, 8192).withPrefixCaching(false)
                .withOverlapScheduling(false).withRecvInterval(recvInterval);
        return Sims.keepingRequests(engine, MODEL, requests);
    }

    private static double ttft(SimulationResult r, int id) {
        return Sims.record(r, id).ttftMs();
    }

    /** A decodes 200 tokens after a 100-token prompt; B arrives at {@code arrivalMs}. */
    private static List<TimedRequest> secondArrivesAt(double arrivalMs) {
        return List.of(new TimedRequest(0, new RequestShape(100, 200)),
                new TimedRequest(arrivalMs, new RequestShape(200, 3)));
    }

    @Test
    void aRequestArrivingDuringDecodesWaitsForTheNextReadingTurn() {
        // A's prefill ends at 10 ms and the turn after a prefill reads; B arrives in the first decode
        // step. Reading every turn, B is seen after decode step 1; every 30th turn, after decode step 30.
        List<TimedRequest> requests = secondArrivesAt(12);
        double everyTurn = ttft(run(1, requests), 1);
        double everyThirtieth = ttft(run(30, requests), 1);
        assertEquals(29 * DECODE_MS, everyThirtieth - everyTurn, 1e-9);
        assertEquals(ttft(run(1, requests), 0), ttft(run(30, requests), 0), 1e-9,
                "the first request was read by an idle loop: at once");
    }

    @Test
    void theTurnAfterAPrefillReadsAtOnce() {
        List<TimedRequest> duringPrefill = secondArrivesAt(5);
        assertEquals(ttft(run(1, duringPrefill), 1), ttft(run(30, duringPrefill), 1), 1e-9);
    }

    @Test
    void anIdleEngineReadsAtOnce() {
        List<TimedRequest> apart = List.of(new TimedRequest(0, new RequestShape(100, 2)),
                new TimedRequest(10_000, new RequestShape(100, 2)));
        assertEquals(MODEL.prefillMs(100), ttft(run(30, apart), 1), 1e-9);
    }

    @Test
    void theIntakeCountsDecodeTurnsAndResetsAfterReading() {
        RequestIntake intake = new RequestIntake(3);
        assertTrue(intake.turnAfterBatch(true), "the count starts full: the first turn reads");
        assertFalse(intake.turnAfterBatch(true));
        assertFalse(intake.turnAfterBatch(true));
        assertTrue(intake.turnAfterBatch(true), "the third decode turn after a read");
        assertFalse(intake.turnAfterBatch(true));
        assertTrue(intake.turnAfterBatch(false), "a prefill weighs 1000");
        assertTrue(new RequestIntake(1).turnAfterBatch(true));
    }

    @Test
    void anIntervalBelowOneIsRefused() {
        EngineConfig engine = Sims.engine(SchedulerProfile.SGLANG, 100_000, 16, 8192);
        assertThrows(UserInputException.class, () -> engine.withRecvInterval(0));
    }
}
