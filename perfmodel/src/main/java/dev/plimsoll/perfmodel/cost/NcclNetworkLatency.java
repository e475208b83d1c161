package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.ops.OpKind;

/**
 * The fixed (small-message) part of a collective that spans several scale-up domains, as NCCL's own
 * tuning model prices it. Engines run such collectives through NCCL: their custom all-reduce kernels
 * exchange buffers over CUDA IPC inside one node, and TensorRT-LLM, vLLM and SGLang fall back to NCCL
 * when a tensor-parallel group crosses it. NCCL chooses an algorithm and protocol per call by the time
 * its model predicts ({@code ncclTopoTuneModel}, src/graph/tuning.cc of NVIDIA/nccl at 5067397c); for
 * the small messages of a decode step that is the latency term of the low-latency (LL) protocol:
 * <ul>
 *   <li>all-reduce, tree: {@code base + 2 x ((ranks per node - 1) x intra + log2(nodes) x net)};</li>
 *   <li>all-reduce, ring: {@code base + (2(n - 1) - 2(nodes - 1)) x max(intra, net overhead)
 *       + 2(nodes - 1) x net};</li>
 *   <li>all-gather and reduce-scatter, ring: the same with {@code n - 1} steps, {@code nodes - 1} of
 *       them between nodes;</li>
 * </ul>
 * with NCCL's default tuner constants for LL: base 6.8 us (tree) and 6.6 us (ring), a hop over NVLink
 * 0.6 us, over the network 5.0 us (tree) and 2.7 us (ring; the tree's 5.0 with one GPU a node, where
 * "latencies are fully exposed"), and a network step's host overhead of at
 * least 1.0 us ({@code getNetOverhead}: 1.0 for Intel and other CPUs, 2.0 for AMD; the lower figure is
 * taken, the host CPU being unknown). Inside one domain NCCL is not what runs the engines' small
 * all-reduces (their tables time the custom kernels), so only collectives across domains read this.
 */
final class NcclNetworkLatency {
    /** {@code baseLatencies} for Tree and Ring, LL protocol (us). */
    static final double TREE_BASE_US = 6.8;
    static final double RING_BASE_US = 6.6;
    /** {@code hwLatencies[NVLINK]} for Tree and Ring, LL protocol (us): one hop inside a node. */
    static final double NVLINK_HOP_US = 0.6;
    /** {@code hwLatencies[NET]}, LL protocol (us): one hop between nodes, by the tree and by the ring. */
    static final double NET_TREE_HOP_US = 5.0;
    static final double NET_RING_HOP_US = 2.7;
    /** {@code getNetOverhead}: the per-step host cost of a ring that leaves the node (us). */
    static final double NET_OVERHEAD_US = 1.0;

    private NcclNetworkLatency() {
    }

    /**
     * Latency of one collective over {@code ranks} GPUs spread over {@code domains} scale-up domains
     * (at least 2), in microseconds; {@code -1} for a kind NCCL's model does not price this way
     * (all-to-all and point-to-point run as grouped sends and receives).
     */
    static double latencyUs(OpKind kind, int ranks, int domains) {
        int nodes = Math.max(2, Math.min(domains, ranks));
        int perNode = Math.max(1, ranks / nodes);
        double ringHop = Math.max(NVLINK_HOP_US, NET_OVERHEAD_US);
        // "With ppn=1 latencies are fully exposed, use the Tree network latency"
        double ringNetHop = perNode == 1 ? NET_TREE_HOP_US : NET_RING_HOP_US;
        switch (kind) {
            case ALL_REDUCE: {
                double tree = TREE_BASE_US + 2 * ((perNode - 1) * NVLINK_HOP_US + log2Floor(nodes) * NET_TREE_HOP_US);
                int steps = 2 * (ranks - 1);
                int interSteps = 2 * (nodes - 1);
                double ring = RING_BASE_US + (steps - interSteps) * ringHop + interSteps * ringNetHop;
                return Math.min(tree, ring);
            }
            case ALL_GATHER:
            case REDUCE_SCATTER: {
                int steps = ranks - 1;
                int interSteps = nodes - 1;
                return RING_BASE_US + (steps - interSteps) * ringHop + interSteps * ringNetHop;
            }
            default:
                return -1;
        }
    }

    /** NCCL's {@code log2i}: the floor of the base-2 logarithm. */
    private static int log2Floor(int n) {
        return 31 - Integer.numberOfLeadingZeros(n);
    }
}
