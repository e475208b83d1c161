package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SGLang --enable-mixed-chunk: a prefill batch carries the running requests' decode tokens, so a
 * decode is not starved while prompts arrive (scheduler.py get_new_batch_prefill, mix_with_running).
 */
class MixedChunkTest {
    /** 5 ms per step plus 0.05 ms per prompt token and 0.01 ms per decode. */
    private static final LinearStepTime MODEL = new LinearStepTime(5.0, 0.05, 0.01, 0.0);

    private static SimulationResult run(boolean mixed, List<TimedRequest> requests) {
        EngineConfig engine = Sims.engine(SchedulerProfile.SGLANG, 100_000, 64, 256).withPrefixCaching(false)
                .withOverlapScheduling(false).withMaxPrefillTokens(256).withMixedChunk(mixed);
        return Sims.keepingRequests(engine, MODEL, requests);
    }

    private static RequestRecord record(SimulationResult r, int id) {
        return Sims.record(r, id);
    }

    /** A decodes while ten 250-token prompts arrive just after it starts, one prefill step each. */
    private static List<TimedRequest> promptsDuringADecode() {
        List<TimedRequest> requests = new java.util.ArrayList<>();
        requests.add(new TimedRequest(0, new RequestShape(10, 20)));
        for (int i = 0; i < 10; i++) {
            requests.add(new TimedRequest(1, new RequestShape(250, 2)));
        }
        return requests;
    }

    @Test
    void decodesRideAlongWithPrefillsInsteadOfWaiting() {
        RequestRecord starved = record(run(false, promptsDuringADecode()), 0);
        RequestRecord mixed = record(run(true, promptsDuringADecode()), 0);
        // A waits out the ten prefill steps either way, but mixed it decodes a token in each of them:
        // ten decode-only steps fewer, less the few hundredths of a ms its token adds to a prefill step
        double saved = starved.e2eMs() - mixed.e2eMs();
        assertEquals(10 * MODEL.decodeMs(1, 0), saved, 0.2, "saved " + saved + " ms");
    }

    @Test
    void withoutRunningRequestsAPrefillIsTheSame() {
        List<TimedRequest> alone = List.of(new TimedRequest(0, new RequestShape(100, 2)));
        assertEquals(record(run(false, alone), 0).ttftMs(), record(run(true, alone), 0).ttftMs(), 1e-9);
    }
}
