package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.IntSummaryStatistics;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark clients that measured the rows: which one a row names, its requests, lengths and path. */
class BenchmarkClientTest {
    @Test
    void theMeasuredPhaseStartsFromABurstAndAveragesEveryRequest() {
        MeasuredDeployment row = BenchmarkLaunchTest.agg("vllm", "0.12.0", 16, 16);
        assertEquals(BenchmarkClient.AIPERF, BenchmarkProtocol.DEFAULT.clientOf(row));
        assertEquals(BenchmarkClient.INFERENCEX, new BenchmarkProtocol(BenchmarkClient.INFERENCEX, 10).clientOf(row),
                "a named client overrides the row's id");
        Workload.ClosedLoop w = BenchmarkProtocol.DEFAULT.workload(row);
        assertEquals(16, w.concurrency());
        assertEquals(16L * BenchmarkClient.REQUESTS_PER_CLIENT, w.requests());
        assertEquals(0, w.warmupRequests(), "the warm-up phase drains before the measured phase starts");
        assertEquals(0, w.cooldownRequests(), "the drain is measured too");
        assertEquals(0.0, w.thinkTimeMs());
        assertEquals(2048 * 1.1 / 1000.0, w.path().delayMs(2048, 0.0), 1e-9,
                "the API server tokenises the prompt inside the client's TTFT timer");
        assertTrue(w.path().scatterMs() > 0, "the rest of the request path scatters the sends");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100; i++) {
            RequestShape s = w.shapes().sample(random);
            assertEquals(2048, s.inputTokens());
            assertEquals(256, s.outputTokens());
        }
    }

    @Test
    void gapAnalysisRepeatsOfInferenceXBenchmarksTakeItsClientAndOtherRowsAiperf() {
        MeasuredDeployment repeat = new MeasuredDeployment(
                "kimi_k2_5_gap_analysis_kimi_k2_5_gap_analysis_h200_sxm_vllm_int4_agg_1024x1024_c4_tp8_ep1_33", 2,
                4, "vllm", "0.16.0", "moonshotai/Kimi-K2.5", "h200_sxm", false, 1024, 1024, "int4", "int4_wo",
                BenchmarkLaunchTest.pool(4), null, null, 148.61, 10.43);
        assertEquals(BenchmarkClient.INFERENCEX, BenchmarkClient.of(repeat));
        var shapes = BenchmarkProtocol.DEFAULT.workload(repeat).shapes();
        SplittableRandom random = new SplittableRandom(1);
        IntSummaryStatistics in = new IntSummaryStatistics();
        for (int i = 0; i < 2_000; i++) {
            in.accept(shapes.sample(random).inputTokens());
        }
        assertEquals(819, in.getMin(), "InferenceX's lengths: int(0.8 x 1024) to 1024");
        MeasuredDeployment generator = new MeasuredDeployment(
                "qwen_qwen3_235b_a22b_fp8_qwen_qwen3_235b_a22b_fp8_h200_sxm_vllm_agg_1000x100_c16_tp2_epnone_1", 2,
                16, "vllm", "0.12.0", "Qwen/Qwen3-235B-A22B-FP8", "h200_sxm", false, 1000, 100, "fp8", "fp8",
                BenchmarkLaunchTest.pool(16), null, null, 244.0, 52.2);
        assertEquals(BenchmarkClient.AIPERF, BenchmarkClient.of(generator));
    }

    @Test
    void inferenceXRowsDrawLengthsFromEightyToOneHundredPercent() {
        MeasuredDeployment row = BenchmarkLaunchTest.inferenceX(8);
        assertEquals(BenchmarkClient.INFERENCEX, BenchmarkClient.of(row));
        Workload.ClosedLoop w = BenchmarkProtocol.DEFAULT.workload(row);
        assertEquals(80, w.requests());
        SplittableRandom random = new SplittableRandom(7);
        IntSummaryStatistics in = new IntSummaryStatistics();
        IntSummaryStatistics out = new IntSummaryStatistics();
        for (int i = 0; i < 20_000; i++) {
            RequestShape s = w.shapes().sample(random);
            in.accept(s.inputTokens());
            out.accept(s.outputTokens());
        }
        assertEquals(819, in.getMin(), "int(0.8 x 1024)");
        assertEquals(1024, in.getMax());
        assertEquals(6553, out.getMin(), "int(0.8 x 8192)");
        assertEquals(8192, out.getMax());
        assertEquals((819 + 1024) / 2.0, in.getAverage(), 2.0);
    }

    @Test
    void inferenceXPromptsOfDecodedVocabularyRunsTakeLongerToTokenise() {
        Workload.ClosedLoop ix = BenchmarkProtocol.DEFAULT.workload(BenchmarkLaunchTest.inferenceX(8));
        Workload.ClosedLoop aiperf =
                BenchmarkProtocol.DEFAULT.workload(BenchmarkLaunchTest.agg("vllm", "0.12.0", 16, 16));
        // 0.275 us a byte (1.1 s for 4 MB); natural text 4 bytes a token, the decoded runs 6.535
        assertEquals(1024 * 1.1 / 1000.0, aiperf.path().delayMs(1024, 0.0), 1e-9);
        assertEquals(1024 * 0.275 * 6.535 / 1000.0, ix.path().delayMs(1024, 0.0), 1e-9);
        assertEquals(BenchmarkClient.PATH, BenchmarkClient.AIPERF.path(),
                "the planner's confirming simulations take natural-text prompts, as aiperf's");
        assertEquals(aiperf.path().scatterMs(), ix.path().scatterMs(), "the rest of the way is the same");
    }
}
