package dev.plimsoll.perfmodel.calib;

/**
 * The expert-parallel rank a MoE pass waits for. With experts split over {@code ep} ranks, every
 * rank runs the experts its tokens picked and the layer ends with a collective that waits for all of
 * them (TensorRT-LLM's and SGLang's expert parallelism without DeepEP reduce the ranks' partial
 * outputs; DeepSeek-V3 report, section 3.4, adds redundant experts for inference because "the load
 * of each GPU" differs), so a step takes as long as its busiest rank. At decode sizes a rank's time
 * follows the experts it loads (their weights are streamed once each), and a few tokens spread by
 * the router hit some ranks more than others.
 *
 * <p>AIConfigurator's MoE tables do not time that rank. Their {@code balanced} rows spread the
 * {@code tokens x topk} picks evenly, one distinct expert each (collector/helper.py
 * {@code balanced_logits}), and their {@code power_law} rows draw per-expert loads from a power law
 * and then move the heaviest rank to rank 0, the one timed ({@code _generate_power_law_distribution});
 * at a few tokens that heaviest rank still holds fewer distinct experts than the busiest rank of
 * uniformly routed tokens (6.1 against 6.6 for 4 tokens of DeepSeek-V3 on 8 ranks, reproducing
 * the generator). {@link #distinctExperts} is that expectation: each token picks {@code topk}
 * distinct experts uniformly, so an expert is hit with probability {@code p = 1 - (1 - topk/E)^tokens},
 * a rank's distinct experts are Binomial({@code E/ep}, p) and the busiest of {@code ep} such ranks
 * has {@code E[max] = sum_x (1 - F(x - 1)^ep)} (independent ranks; a Monte-Carlo draw of the
 * dependent picks agrees within 0.1 expert at 1-64 tokens). Group-limited routing (DeepSeek-V3's
 * 4 of 8 groups) concentrates a token further and is not counted: the figure is a lower bound.
 */
final class BusiestExpertRank {
    private BusiestExpertRank() {
    }

    /** Expected distinct experts on the busiest of {@code ep} ranks after {@code tokens} tokens pick {@code topK} each. */
    static double distinctExperts(double tokens, int experts, int topK, int ep) {
        int perRank = experts / ep;
        if (perRank <= 0 || tokens <= 0 || topK <= 0) {
            return 0.0;
        }
        double p = 1.0 - Math.pow(1.0 - Math.min(1.0, (double) topK / experts), tokens);
        if (p >= 1.0) {
            return perRank;
        }
        double[] cdf = binomialCdf(perRank, p);
        double expected = 0.0;
        for (int x = 1; x <= perRank; x++) {
            expected += 1.0 - Math.pow(cdf[x - 1], ep);
        }
        return expected;
    }

    /**
     * The token count at which the tables' balanced routing loads {@code distinct} experts on the
     * rank it times: balanced spreads {@code tokens x topK} picks evenly, {@code tokens x topK / ep}
     * distinct experts a rank until every expert is hit.
     */
    static double balancedTokens(double distinct, int topK, int ep) {
        return distinct * ep / topK;
    }

    private static double[] binomialCdf(int n, double p) {
        double[] cdf = new double[n + 1];
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double logChoose = 0.0;
        double sum = 0.0;
        for (int x = 0; x <= n; x++) {
            if (x > 0) {
                logChoose += Math.log((double) (n - x + 1) / x);
            }
            sum += Math.exp(logChoose + x * logP + (n - x) * logQ);
            cdf[x] = Math.min(1.0, sum);
        }
        return cdf;
    }
}
