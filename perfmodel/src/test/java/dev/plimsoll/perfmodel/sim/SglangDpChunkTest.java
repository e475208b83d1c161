package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SGLang with attention data parallelism: each DP rank's scheduler chunks prompts at
 * --chunked-prefill-size / dp-size (server_args.py _handle_data_parallelism), so a prompt longer
 * than that share takes several prefill steps even though the flag's chunk would hold it.
 */
class SglangDpChunkTest {
    /** 5 ms per step plus 0.01 ms per prompt token. */
    private static final LinearStepTime MODEL = new LinearStepTime(5.0, 0.01, 0.0, 0.0);

    private static double ttftMs(int dpRanks) {
        EngineConfig engine = Sims.engine(SchedulerProfile.SGLANG, 100_000, 64, 8192).withPrefixCaching(false)
                .withOverlapScheduling(false).withAttentionDpRanks(dpRanks);
        List<TimedRequest> one = List.of(new TimedRequest(0, new RequestShape(4000, 2)));
        return Sims.record(Sims.keepingRequests(engine, MODEL, one), 0).ttftMs();
    }

    @Test
    void eachDpRankChunksAtItsShareOfTheFlag() {
        // one step of 4000 tokens, then with 4 ranks chunks of 8192 / 4 = 2048: two steps, one fixed cost more
        assertEquals(5.0 + 40.0, ttftMs(1), 1e-6);
        assertEquals(2 * 5.0 + 40.0, ttftMs(4), 1e-6);
    }
}
