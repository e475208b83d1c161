package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.Precision;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expert-parallel rank a MoE pass waits for, and how the tables are read for it. */
class BusiestExpertRankTest {
    private static final Precision FP8_BLOCK = new Precision(NumberFormat.FP8, ComputeDtype.FP8, true);

    /** Mean over draws of the most distinct experts one rank holds after uniform top-k routing. */
    private static double simulated(int tokens, int experts, int topK, int ep, int draws) {
        Random random = new Random(7);
        int perRank = experts / ep;
        double sum = 0;
        for (int d = 0; d < draws; d++) {
            boolean[] hit = new boolean[experts];
            for (int t = 0; t < tokens; t++) {
                int picked = 0;
                boolean[] mine = new boolean[experts];
                while (picked < topK) {
                    int e = random.nextInt(experts);
                    if (!mine[e]) {
                        mine[e] = true;
                        hit[e] = true;
                        picked++;
                    }
                }
            }
            int busiest = 0;
            for (int r = 0; r < ep; r++) {
                int n = 0;
                for (int e = r * perRank; e < (r + 1) * perRank; e++) {
                    n += hit[e] ? 1 : 0;
                }
                busiest = Math.max(busiest, n);
            }
            sum += busiest;
        }
        return sum / draws;
    }

    @Test
    void theClosedFormMatchesRoutedTokensDrawnAtRandom() {
        // DeepSeek-V3 (256 experts, top-8), Qwen3.5 (512, top-10), gpt-oss (128, top-4) on 8 ranks
        int[][] cases = {{4, 256, 8}, {16, 256, 8}, {64, 256, 8}, {4, 512, 10}, {32, 512, 10}, {8, 128, 4}};
        for (int[] c : cases) {
            double closed = BusiestExpertRank.distinctExperts(c[0], c[1], c[2], 8);
            double drawn = simulated(c[0], c[1], c[2], 8, 4000);
            assertEquals(drawn, closed, 0.15, "tokens " + c[0] + ", " + c[1] + " experts top-" + c[2]);
        }
    }

    @Test
    void oneRankHoldsTheExpectedDistinctExpertsAndNoRankMoreThanItsOwn() {
        double p = 1 - Math.pow(1 - 8.0 / 256, 4);
        assertEquals(256 * p, BusiestExpertRank.distinctExperts(4, 256, 8, 1), 1e-9, "one rank: the mean");
        assertEquals(32, BusiestExpertRank.distinctExperts(100_000, 256, 8, 8), 1e-6, "every expert hit");
        assertTrue(BusiestExpertRank.distinctExperts(4, 256, 8, 8) > 4.0 * 8 / 8,
                "4 tokens: the busiest rank holds more than the even spread of 4");
        double last = 0;
        for (int t = 1; t <= 256; t *= 2) {
            double d = BusiestExpertRank.distinctExperts(t, 256, 8, 8);
            assertTrue(d > last && d <= 32, "grows with the tokens, up to the rank's experts");
            last = d;
        }
    }

    @Test
    void theBalancedTablesLoadTokensTimesTopKOverEpExpertsARank() {
        assertEquals(4.0, BusiestExpertRank.balancedTokens(4.0, 8, 8), 1e-12);
        assertEquals(6.4, BusiestExpertRank.balancedTokens(8.0, 10, 8), 1e-12);
    }

    private static double cost(CalibratedCostModel model, long tokens, int ep) {
        OpShape.Moe shape = new OpShape.Moe(tokens, 7168, 2048, 8, 256, 1, ep, FP8_BLOCK);
        return model.cost(new Op("moe_experts", OpKind.MOE, ComputeDtype.FP8, 1, 1, 1, 58, shape)).timeMs();
    }

    @Test
    void anExpertParallelDecodeIsReadWhereTheBusiestRankLoadsItsExperts() {
        CalibrationBundle bundle = BundleCatalog.shipped().exactLayers("h200-sxm", "trtllm").get(0);
        CalibratedCostModel model = new CalibratedCostModel(bundle, TestSpecs.gpu("h200-sxm"),
                TestSpecs.backend("trtllm"));
        FamilyModel moe = bundle.model(KernelFamily.MOE).orElseThrow();
        double[] shape = {7168, 2048, 8, 256, 1, 8};
        double busiestTokens = BusiestExpertRank.balancedTokens(
                BusiestExpertRank.distinctExperts(4, 256, 8, 8), 8, 8);
        double balanced = moe.predict(KernelQuery.of(KernelFamily.MOE, "fp8_block|balanced", shape,
                new double[]{busiestTokens}), bundle.reference(), true).timeMs();
        double powerLaw = moe.predict(KernelQuery.of(KernelFamily.MOE, "fp8_block|power_law_1.01", shape,
                new double[]{4}), bundle.reference(), true).timeMs();
        assertTrue(balanced > powerLaw, "the table's own reading at 4 tokens is below the busiest rank's");
        assertEquals(balanced, cost(model, 4, 8), 1e-9);
        double prefill = moe.predict(KernelQuery.of(KernelFamily.MOE, "fp8_block|power_law_1.01", shape,
                new double[]{8192}), bundle.reference(), true).timeMs();
        assertEquals(prefill, cost(model, 8192, 8), 1e-9, "every expert hit many times: the table's reading");
    }
}
