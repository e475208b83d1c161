package dev.plimsoll.optimizer.offload;

import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.perfmodel.cost.StepTimeModel;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;
import dev.plimsoll.perfmodel.sim.StepTimeModelFactory;
import dev.plimsoll.perfmodel.sim.kvtier.KvTierKind;
import dev.plimsoll.perfmodel.sim.kvtier.KvTierSpec;
import dev.plimsoll.perfmodel.sim.kvtier.KvTiers;
import dev.plimsoll.perfmodel.sim.kvtier.WritePolicy;
import dev.plimsoll.perfmodel.workload.MultiTurnSessions;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostOffloadAdvisorTest {
    /** Llama-3.1-8B on one H100, roughly: 6.5 ms per step, 0.055 ms per prefill token, 40 ns per KV token read. */
    private static final StepTimeModel STEPS = b -> 6.5 + 0.055 * b.prefillRequests() * b.prefillTokens()
            + 0.00004 * b.decodeRequests() * b.decodeContextTokens();
    /** Small GPU KV pools (30,000 tokens), so long conversations overflow them. */
    private static final EngineConfig ENGINE = EngineConfig.of(SchedulerProfile.VLLM, 30_000, 131_072, 64, 8192, 512);
    private static final KvTiers HOST = new KvTiers(List.of(new KvTierSpec(KvTierKind.HOST, 100_000_000_000L, 50e9,
            50e9, 0.01, "test")), WritePolicy.WRITE_THROUGH);

    private static HostOffloadAdvisor advisor() {
        Workload sessions = new Workload.Sessions(new MultiTurnSessions(0.5, 100, 4, 10, 2_000, 10_000, 512, 4, 200,
                600, 100, 300, MultiTurnSessions.DEFAULT_HASH_BLOCK_TOKENS), 3);
        return new HostOffloadAdvisor(new HostOffloadAdvisor.Pool(ENGINE, StepTimeModelFactory.of(STEPS), 1, 3.0),
                sessions, new SlaTarget(150, 100, Double.POSITIVE_INFINITY, 90), 6);
    }

    /**
     * Multi-turn sessions whose conversations overflow the GPU cache: the host tier keeps them, so
     * fewer workers meet TTFT p90; at a cloud price for DRAM the saved GPUs outweigh the memory,
     * at an absurd one they do not.
     */
    @Test
    void hostTierSavesWorkersOnLongConversations() {
        HostOffloadAdvisor.Verdict cheap = advisor().advise(HOST, HostOffloadAdvisor.DEFAULT_USD_PER_GB_HOUR, 2);
        assertTrue(cheap.tieredWorkers() > 0 && cheap.gpuOnlyWorkers() > cheap.tieredWorkers(), cheap.explain());
        assertEquals(cheap.gpuOnlyWorkers() - cheap.tieredWorkers(), cheap.gpusSaved());
        assertTrue(cheap.pays(), cheap.explain());
        assertTrue(cheap.tiered().prefixHitRate() > cheap.gpuOnly().prefixHitRate(), cheap.explain());

        // 100 GB of host memory per worker at 1 USD per GB-hour costs more than the GPUs it saves
        HostOffloadAdvisor.Verdict dear = advisor().advise(HOST, 1.0, 2);
        assertFalse(dear.pays(), dear.explain());
        assertEquals(cheap.tieredWorkers(), dear.tieredWorkers());
    }
}
