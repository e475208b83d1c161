package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TensorRT-LLM's attention-DP context balancing (attention_dp_config): a rank's context requests wait
 * until every rank has one, the timeout passes, or some rank has no generation request
 * (py_executor.py, _balance_adp_requests).
 */
class AttentionDpBalanceTest {
    /** 5.01 ms per decode step whatever its context; a 100-token prefill 10 ms. */
    private static final LinearStepTime MODEL = new LinearStepTime(5.0, 0.05, 0.01, 0.0);
    private static final double DECODE_MS = MODEL.decodeMs(1, 0);

    private static SimulationResult run(AttentionDpBalance balance, List<TimedRequest> requests) {
        EngineConfig engine = Sims.engine(SchedulerProfile.TRTLLM, 100_000, 16, 8192).withPrefixCaching(false)
                .withOverlapScheduling(false).withAttentionDpRanks(2).withAdpBalance(balance);
        return Sims.keepingRequests(engine, MODEL, requests);
    }

    private static double ttft(SimulationResult r, int id) {
        return Sims.record(r, id).ttftMs();
    }

    /**
     * Two long decodes, one per rank (ranks take requests in turn); a third request arrives during
     * their decodes and lands on rank 0, so rank 1 never has a context to pair it with.
     */
    private static List<TimedRequest> thirdDuringDecodes() {
        return List.of(new TimedRequest(0, new RequestShape(100, 400)),
                new TimedRequest(0, new RequestShape(100, 400)),
                new TimedRequest(30, new RequestShape(100, 3)));
    }

    @Test
    void aLoneContextWaitsForTheRestOfTheTimeoutCount() {
        double balanced = ttft(run(AttentionDpBalance.on(60, 0), thirdDuringDecodes()), 2);
        double free = ttft(run(AttentionDpBalance.OFF, thirdDuringDecodes()), 2);
        double held = balanced - free;
        assertTrue(held > 0 && held <= 60 * DECODE_MS + 1e-9,
                "held " + held + " ms: at most the 60-iteration count, less what had run before it arrived");
        assertEquals(0, Math.IEEEremainder(held, DECODE_MS), 1e-6, "held whole decode steps");
    }

    @Test
    void contextsOnEveryRankRunAtOnce() {
        List<TimedRequest> both = List.of(new TimedRequest(0, new RequestShape(100, 3)),
                new TimedRequest(0, new RequestShape(100, 3)));
        SimulationResult r = run(AttentionDpBalance.on(60, 0), both);
        assertEquals(ttft(run(AttentionDpBalance.OFF, both), 0), ttft(r, 0), 1e-9);
        assertEquals(ttft(run(AttentionDpBalance.OFF, both), 1), ttft(r, 1), 1e-9);
    }

    @Test
    void iterationsAreValidated() {
        assertThrows(UserInputException.class, () -> AttentionDpBalance.on(-1, 0));
    }
}
