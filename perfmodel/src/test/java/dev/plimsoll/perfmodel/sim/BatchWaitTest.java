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
 * TensorRT-LLM's batch waiting (batch_wait_timeout_iters, batch_wait_max_tokens_ratio): while
 * generation requests run, context requests are held until they have waited the set iterations or
 * the step's tokens reach the set share of max_num_tokens (py_executor.py, _waiting_requests).
 */
class BatchWaitTest {
    /** 5.01 ms per decode step whatever its context; a 100-token prefill 10 ms. */
    private static final LinearStepTime MODEL = new LinearStepTime(5.0, 0.05, 0.01, 0.0);
    private static final double DECODE_MS = MODEL.decodeMs(1, 0);
    private static final int BUDGET = 8192;

    private static SimulationResult run(ContextBatchWait wait, int attentionDp, List<TimedRequest> requests) {
        EngineConfig engine = Sims.engine(SchedulerProfile.TRTLLM, 100_000, 16, BUDGET).withPrefixCaching(false)
                .withOverlapScheduling(false).withContextWait(wait).withAttentionDpRanks(attentionDp);
        return Sims.keepingRequests(engine, MODEL, requests);
    }

    private static double ttft(SimulationResult r, int id) {
        return Sims.record(r, id).ttftMs();
    }

    /** A decodes 200 tokens after a 100-token prompt; B, with a prompt of {@code prompt}, arrives at 12 ms. */
    private static List<TimedRequest> secondDuringDecodes(int prompt) {
        return List.of(new TimedRequest(0, new RequestShape(100, 200)),
                new TimedRequest(12, new RequestShape(prompt, 3)));
    }

    @Test
    void aContextArrivingDuringDecodesIsHeldForTheTimeoutIterations() {
        List<TimedRequest> requests = secondDuringDecodes(100);
        double noWait = ttft(run(ContextBatchWait.NONE, 1, requests), 1);
        double waited = ttft(run(new ContextBatchWait(5, 0.9), 1, requests), 1);
        assertEquals(5 * DECODE_MS, waited - noWait, 1e-9, "five decode-only steps before B's prompt runs");
    }

    @Test
    void enoughTokensReleaseTheContextsAtOnce() {
        // 7,400 prompt tokens + 1 generation token >= 0.9 x 8192
        List<TimedRequest> requests = secondDuringDecodes(7400);
        assertEquals(ttft(run(ContextBatchWait.NONE, 1, requests), 1),
                ttft(run(new ContextBatchWait(5, 0.9), 1, requests), 1), 1e-9);
    }

    @Test
    void anEngineWithoutGenerationRequestsDoesNotWait() {
        List<TimedRequest> alone = List.of(new TimedRequest(0, new RequestShape(100, 2)));
        assertEquals(MODEL.prefillMs(100), ttft(run(new ContextBatchWait(20, 0.9), 1, alone), 0), 1e-9);
    }

    @Test
    void attentionDataParallelEnginesDoNotUseIt() {
        List<TimedRequest> requests = secondDuringDecodes(100);
        assertEquals(ttft(run(ContextBatchWait.NONE, 2, requests), 1),
                ttft(run(new ContextBatchWait(5, 0.9), 2, requests), 1), 1e-9);
    }

    @Test
    void theKnobsAreValidated() {
        assertFalse(ContextBatchWait.NONE.enabled());
        assertTrue(new ContextBatchWait(0, 0.5).enabled());
        assertThrows(UserInputException.class, () -> new ContextBatchWait(-1, 0.5));
        assertThrows(UserInputException.class, () -> new ContextBatchWait(5, 1.5));
    }
}
