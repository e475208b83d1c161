package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NcclNetworkLatencyTest {
    @Test
    void anAllReduceOverTwoEightGpuNodesTakesTheTreesLatency() {
        // tree: 6.8 + 2 x (7 x 0.6 + 1 x 5.0) = 25.2; ring: 6.6 + 28 x 1.0 + 2 x 2.7 = 40.0
        assertEquals(25.2, NcclNetworkLatency.latencyUs(OpKind.ALL_REDUCE, 16, 2), 1e-9);
        // four nodes: tree 6.8 + 2 x (7 x 0.6 + 2 x 5.0) = 35.2 against a ring of 6.6 + 56 + 6 x 2.7
        assertEquals(35.2, NcclNetworkLatency.latencyUs(OpKind.ALL_REDUCE, 32, 4), 1e-9);
    }

    @Test
    void oneGpuANodeExposesTheNetworkLatencyToTheRingToo() {
        // ring: 6.6 + 0 + 2 x 5.0 = 16.6 beats the tree's 6.8 + 2 x 5.0 = 16.8
        assertEquals(16.6, NcclNetworkLatency.latencyUs(OpKind.ALL_REDUCE, 2, 2), 1e-9);
    }

    @Test
    void gathersAndScattersRunTheRing() {
        // 15 steps, one of them between the nodes: 6.6 + 14 x 1.0 + 2.7
        assertEquals(23.3, NcclNetworkLatency.latencyUs(OpKind.ALL_GATHER, 16, 2), 1e-9);
        assertEquals(23.3, NcclNetworkLatency.latencyUs(OpKind.REDUCE_SCATTER, 16, 2), 1e-9);
    }

    @Test
    void allToAllIsNotPricedByTheCollectiveModel() {
        assertEquals(-1, NcclNetworkLatency.latencyUs(OpKind.ALL_TO_ALL, 16, 2));
        assertEquals(-1, NcclNetworkLatency.latencyUs(OpKind.P2P, 2, 2));
    }

    @Test
    void theRooflinePricesACrossNodeAllReduceWithNcclsLatencyAndTheNetworkBandwidth() {
        GpuSpec h100 = TestSpecs.gpu("h100-sxm");
        RooflineCostModel roofline = new RooflineCostModel(h100, TestSpecs.backend("trtllm"));
        long elements = 2L * 7168;
        double crossMs = roofline.cost(allReduce(elements, 16, true)).timeMs();
        double busBytes = RooflineCostModel.busBytes(OpKind.ALL_REDUCE, elements * 2.0, 16);
        double transferMs = busBytes / (h100.scaleOutBandwidthBytesPerS() * h100.efficiency().collectiveBus()) * 1000.0;
        assertEquals(0.0252 + transferMs, crossMs, 1e-9);
        // inside the NVLink domain the spec's own small-message latency still applies
        double insideMs = roofline.cost(allReduce(elements, 8, false)).timeMs();
        assertTrue(insideMs < 0.01, insideMs + " ms");
        // all-to-all across nodes keeps the spec's point-to-point latency
        Op a2a = new Op("ep_dispatch", OpKind.ALL_TO_ALL, ComputeDtype.BF16, 0, elements * 2.0, 1, 1,
                new OpShape.Collective(elements, 2, 16, true));
        double a2aBus = RooflineCostModel.busBytes(OpKind.ALL_TO_ALL, elements * 2.0, 16);
        assertEquals(h100.scaleOutLatencyUs() / 1000.0
                        + a2aBus / (h100.scaleOutBandwidthBytesPerS() * h100.efficiency().collectiveBus()) * 1000.0,
                roofline.cost(a2a).timeMs(), 1e-9);
    }

    private static Op allReduce(long elements, int gpus, boolean crossDomain) {
        return new Op("tp_allreduce", OpKind.ALL_REDUCE, ComputeDtype.BF16, 0, elements * 2.0, 1, 1,
                new OpShape.Collective(elements, 2, gpus, crossDomain));
    }
}
