package dev.plimsoll.perfmodel.specs;

/**
 * Mixture-of-experts block.
 *
 * @param numExperts             routed experts [n_routed_experts, num_local_experts, num_experts]
 * @param expertsPerToken        routed experts each token uses [num_experts_per_tok]
 * @param expertIntermediateSize FFN width of one routed expert [moe_intermediate_size]
 * @param numSharedExperts       always-active shared experts [n_shared_experts]
 * @param sharedIntermediateSize FFN width of one shared expert
 */
public record MoeSpec(int numExperts, int expertsPerToken, int expertIntermediateSize, int numSharedExperts,
                      int sharedIntermediateSize) {
    public MoeSpec {
        if (numExperts <= 0 || expertsPerToken <= 0 || expertsPerToken > numExperts) {
            throw new IllegalArgumentException("MoE needs 0 < experts per token <= experts, got "
                    + expertsPerToken + " of " + numExperts);
        }
    }

    /**
     * Expected number of distinct experts touched when {@code tokens} tokens each pick
     * {@code expertsPerToken} of {@code numExperts} uniformly: E * (1 - (1 - k/E)^T).
     */
    public double expectedExpertsTouched(double tokens) {
        double missProbability = Math.pow(1.0 - (double) expertsPerToken / numExperts, tokens);
        return numExperts * (1.0 - missProbability);
    }
}
