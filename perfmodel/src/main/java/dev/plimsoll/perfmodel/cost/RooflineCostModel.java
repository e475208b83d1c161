package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.Efficiency;
import dev.plimsoll.perfmodel.specs.GpuSpec;

/**
 * Analytic kernel time under CUDA-graph replay:
 * {@code max(flops / (peak x eff), bytes / (bandwidth x eff)) + kernels x fixed cost}, and
 * {@code latency + bus bytes / (link x eff)} for collectives.
 */
public final class RooflineCostModel implements OpCostModel {
    /**
     * Block-scaled fp8 GEMMs run about 15% slower than per-tensor fp8 on Hopper
     * (shared/HARDWARE_FACTS.md, from the measured gemm tables: fp8_block vs fp8).
     */
    static final double BLOCK_SCALED_FP8_FACTOR = 0.85;

    private final GpuSpec gpu;
    private final Efficiency eff;
    private final double kernelOverheadMs;
    private final double gemmOverheadMs;
    private final double memoryBytesPerMs;

    public RooflineCostModel(GpuSpec gpu, BackendProfile backend) {
        this.gpu = gpu;
        this.eff = gpu.efficiency();
        this.kernelOverheadMs = backend.kernelOverheadUsGraph() / 1000.0;
        this.gemmOverheadMs = backend.gemmOverheadUsGraph() / 1000.0;
        this.memoryBytesPerMs = gpu.memoryBandwidthBytesPerS() * eff.memory() / 1000.0;
    }

    @Override
    public OpCost cost(Op op) {
        if (op.kind().isCommunication()) {
            return new OpCost(collectiveMs(op), Bound.COMMUNICATION, Provenance.ROOFLINE);
        }
        double computeMs = op.flops() > 0 ? op.flops() / computeFlopsPerMs(op) : 0.0;
        double memoryMs = op.bytes() / memoryBytesPerMs;
        double overheadMs = fixedMs(op);
        double busyMs = Math.max(computeMs, memoryMs);
        Bound bound;
        if (overheadMs > busyMs) {
            bound = Bound.OVERHEAD;
        } else {
            bound = computeMs >= memoryMs ? Bound.COMPUTE : Bound.MEMORY;
        }
        return new OpCost(busyMs + overheadMs, bound, Provenance.ROOFLINE);
    }

    /**
     * Fixed cost of one call: GEMMs pay the weight-stream fill, a MoE block its two grouped GEMMs
     * plus small kernels, anything else the launch floor per kernel.
     */
    double fixedMs(Op op) {
        switch (op.kind()) {
            case GEMM:
                return gemmOverheadMs;
            case MOE:
                return 2 * gemmOverheadMs + Math.max(0, op.kernels() - 2) * kernelOverheadMs;
            default:
                return op.kernels() * kernelOverheadMs;
        }
    }

    private double computeFlopsPerMs(Op op) {
        OpKind k = op.kind();
        boolean attention = k == OpKind.ATTENTION_PREFILL || k == OpKind.ATTENTION_DECODE
                || k == OpKind.MLA_PREFILL || k == OpKind.MLA_DECODE;
        if (attention) {
            return gpu.peakFlopsPerS(ComputeDtype.BF16) * eff.attention() / 1000.0;
        }
        ComputeDtype dtype = gpu.supports(op.dtype()) ? op.dtype() : ComputeDtype.BF16;
        double peak = gpu.peakFlopsPerS(dtype) * eff.gemm();
        if (isBlockScaled(op.shape())) {
            peak *= BLOCK_SCALED_FP8_FACTOR;
        }
        return peak / 1000.0;
    }

    private static boolean isBlockScaled(OpShape shape) {
        if (shape instanceof OpShape.Gemm) {
            return ((OpShape.Gemm) shape).precision().blockScaled();
        }
        if (shape instanceof OpShape.Moe) {
            return ((OpShape.Moe) shape).precision().blockScaled();
        }
        return false;
    }

    private double collectiveMs(Op op) {
        OpShape.Collective c = (OpShape.Collective) op.shape();
        if (c.gpus() <= 1) {
            return 0.0;
        }
        double linkBytesPerS = c.crossDomain() ? gpu.scaleOutBandwidthBytesPerS() : gpu.scaleUpBandwidthBytesPerS();
        double latencyUs = c.crossDomain() ? crossDomainLatencyUs(op.kind(), c.gpus()) : gpu.scaleUpLatencyUs();
        double busBytes = busBytes(op.kind(), c.messageBytes(), c.gpus());
        double transferMs = busBytes / (linkBytesPerS * eff.collectiveBus()) * 1000.0;
        return latencyUs / 1000.0 + transferMs;
    }

    /**
     * A collective across scale-up domains runs NCCL over the network: all-reduce, all-gather and
     * reduce-scatter take NCCL's own latency for their rank and domain counts ({@link NcclNetworkLatency}),
     * anything else (all-to-all, point-to-point) the spec's network latency.
     */
    private double crossDomainLatencyUs(OpKind kind, int ranks) {
        int domains = (ranks + gpu.scaleUpDomainGpus() - 1) / gpu.scaleUpDomainGpus();
        double nccl = NcclNetworkLatency.latencyUs(kind, ranks, domains);
        return nccl >= 0 ? nccl : gpu.scaleOutLatencyUs();
    }

    /** Bytes each rank sends (NCCL bus-bandwidth convention, nccl-tests PERFORMANCE.md). */
    public static double busBytes(OpKind kind, double messageBytes, int n) {
        switch (kind) {
            case ALL_REDUCE:
                return 2.0 * (n - 1) / n * messageBytes;
            case ALL_GATHER:
            case REDUCE_SCATTER:
            case ALL_TO_ALL:
                return (double) (n - 1) / n * messageBytes;
            default:
                return messageBytes;
        }
    }
}
