package dev.plimsoll.perfmodel.sim.kvtier;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What one KV tier did over a run, all workers of all pools together.
 *
 * @param tier          gpu, host, disk or remote
 * @param hitRate       prompt tokens served from this tier / prompt tokens looked up
 * @param hitTokens     prompt tokens served from this tier
 * @param readBytes     bytes moved from the tier to the GPUs (onboarding); 0 for the GPU tier
 * @param writtenBytes  bytes written into the tier (offload, or demotion from the tier above)
 * @param capacityTokens tokens the tier holds, all workers together
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KvTierStats(String tier, double hitRate, long hitTokens, double readBytes, double writtenBytes,
                          long capacityTokens) {
}
