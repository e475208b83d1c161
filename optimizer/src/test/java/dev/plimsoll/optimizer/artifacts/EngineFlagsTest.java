package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every flag the generated commands use exists in the named engine's CLI (checked-in lists). */
class EngineFlagsTest {
    private static final ArtifactOptions OPTIONS = new ArtifactOptions("org/model", "model",
            QuantPresets.get("bf16"), false, false, "org/draft");

    static void assertKnown(List<String> args, Set<String> known, String what) {
        for (String a : args) {
            if (a.startsWith("--")) {
                assertTrue(known.contains(a), what + " emits " + a + ", which is not in its CLI");
            }
        }
    }

    @Test
    void vllmAndSglangFlagsExist() {
        Set<String> vllm = ArtifactFixtures.flags("vllm");
        Set<String> sglang = ArtifactFixtures.flags("sglang");
        for (Proposal p : ArtifactFixtures.all()) {
            for (PoolPlan pool : p.pools()) {
                assertKnown(LaunchCommands.vllmArgs(pool, p.architecture(), OPTIONS), vllm, "vllm serve");
                assertKnown(LaunchCommands.sglangArgs(pool, p.architecture(), OPTIONS), sglang, "sglang");
            }
        }
    }

    @Test
    void commandsCarryThePlansSettings() {
        Proposal moe = ArtifactFixtures.aggregatedMoe();
        List<String> v = LaunchCommands.vllmArgs(moe.pools().get(0), moe.architecture(), OPTIONS);
        assertEquals("2", after(v, "--tensor-parallel-size"));
        assertEquals("4", after(v, "--data-parallel-size"));
        assertTrue(v.contains("--enable-expert-parallel"));
        assertEquals("128", after(v, "--max-num-seqs"));
        assertEquals("8192", after(v, "--max-num-batched-tokens"));
        List<String> s = LaunchCommands.sglangArgs(moe.pools().get(0), moe.architecture(), OPTIONS);
        assertEquals("8", after(s, "--tp-size"), "SGLang's tp spans the attention-DP groups");
        assertEquals("4", after(s, "--dp-size"));
        assertEquals("8", after(s, "--ep-size"));
        assertEquals("128", after(s, "--cuda-graph-max-bs"));
        assertSglangPoolIsThePlans(moe.pools().get(0), Double.parseDouble(after(s, "--mem-fraction-static")));

        Proposal dis = ArtifactFixtures.disaggregatedMultiNode();
        PoolPlan decode = dis.pool(PoolPlan.DECODE);
        List<String> d = LaunchCommands.vllmArgs(decode, dis.architecture(), OPTIONS);
        assertEquals("2", after(d, "--pipeline-parallel-size"));
        assertEquals("fp8", after(d, "--kv-cache-dtype"));
        assertEquals("fp8", after(d, "--quantization"), "a bf16 checkpoint run as FP8 is quantised online");
        assertEquals("ray", after(d, "--distributed-executor-backend"), "16 GPUs span two 8-GPU servers");
        assertTrue(after(d, "--kv-transfer-config").contains("NixlConnector"));
        assertEquals("decode", after(LaunchCommands.sglangArgs(decode, dis.architecture(), OPTIONS),
                "--disaggregation-mode"));
        String script = LaunchCommands.script(ArtifactFixtures.disaggregatedSglang(), OPTIONS, "disagg", null);
        assertTrue(script.contains("--nnodes 2"), script);
    }

    @Test
    void speculativeDecodingNamesTheDraftModelAndTokens() {
        Proposal p = ArtifactFixtures.aggregatedSpeculative();
        List<String> v = LaunchCommands.vllmArgs(p.pools().get(0), p.architecture(), OPTIONS);
        assertEquals("{\"method\":\"eagle\",\"model\":\"org/draft\",\"num_speculative_tokens\":3}",
                after(v, "--speculative-config"));
        List<String> s = LaunchCommands.sglangArgs(p.pools().get(0), p.architecture(), OPTIONS);
        assertEquals("EAGLE", after(s, "--speculative-algorithm"));
        assertEquals("3", after(s, "--speculative-num-steps"));
        assertEquals("4", after(s, "--speculative-num-draft-tokens"));
        assertEquals("org/draft", after(s, "--speculative-draft-model-path"));
    }

    /**
     * SGLang's fraction holds the weights, the KV pool and its framework buffers, not the activations
     * and graphs the plan's share also holds: the pool SGLang sizes from it is the plan's, less at
     * most the hundredth the flag rounds away.
     */
    private static void assertSglangPoolIsThePlans(PoolPlan pool, double fraction) {
        Replica replica = pool.engine().replica();
        MemoryBreakdown m = replica.memory();
        BackendProfile backend = replica.spec().resolvedBackend();
        double afterInit = m.capacityBytes() - (replica.spec().parallelism().gpus() > 1 ? backend.commBufferBytes() : 0);
        double sglangPool = fraction * afterInit - m.weightsBytes() - backend.otherReservedBytes();
        assertTrue(fraction < replica.spec().memoryFraction(), "the plan's share " + replica.spec().memoryFraction()
                + " holds activations and graphs that SGLang's " + fraction + " leaves out");
        assertTrue(sglangPool <= m.kvCacheBytes() && sglangPool > m.kvCacheBytes() - 0.01 * afterInit,
                "SGLang pool " + sglangPool + " B against the planned " + m.kvCacheBytes() + " B");
    }

    private static String after(List<String> args, String flag) {
        int i = args.indexOf(flag);
        assertTrue(i >= 0, flag + " missing from " + args);
        return args.get(i + 1);
    }
}
