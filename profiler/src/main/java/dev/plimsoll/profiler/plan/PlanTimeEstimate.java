package dev.plimsoll.profiler.plan;

import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.GpuSpec;

/**
 * Expected wall time of a plan on a GPU, for the dry run and the ETA: each point costs its set-up
 * (allocation, random fill, graph capture) plus its warm-up and timed replays, each replay at least
 * {@value #MIN_REPLAY_S} s of GPU work (the benchmarks size their graphs so). Kernel times are
 * roofline times at {@value #EFFICIENCY} of the spec's peaks.
 */
public final class PlanTimeEstimate {
    /** Seconds of GPU work the benchmarks put in one timed replay (gemm_bench.cu, GraphTimer). */
    static final double MIN_REPLAY_S = 0.002;
    /** Share of peak FLOP/s and bandwidth assumed for the estimate only. */
    static final double EFFICIENCY = 0.7;
    /**
     * Host-side cost of one point: allocation, random fill, graph capture and instantiation (the
     * H200 profile of docs/profiler.md: 1754 points in 64 s, about 36 ms a point of which 28 ms
     * replays).
     */
    static final double SETUP_S = 0.01;
    /**
     * Compiling the kernels and the cuBLASLt benchmark with nvcc on first use (cached afterwards):
     * 8 s on the 16 cores of that H200 host, 25 s for the decode kernels alone on two cores.
     */
    public static final double COMPILE_S = 30;

    private final GpuSpec gpu;
    private final int replays;
    private final int fp8Recipes;

    public PlanTimeEstimate(GpuSpec gpu, ProfileDepth depth) {
        this(gpu, depth, 1);
    }

    /** @param fp8Recipes how many times each fp8 GEMM is measured (once per engine recipe) */
    public PlanTimeEstimate(GpuSpec gpu, ProfileDepth depth, int fp8Recipes) {
        if (fp8Recipes < 1) {
            throw new IllegalArgumentException("fp8 recipes: at least 1, got " + fp8Recipes);
        }
        this.gpu = gpu;
        this.replays = depth.warmup() + depth.repeats() + 2;
        this.fp8Recipes = fp8Recipes;
    }

    /** Seconds for the whole plan, compilation included. */
    public static double seconds(KernelPlan plan, GpuSpec gpu) {
        return COMPILE_S + new PlanTimeEstimate(gpu, plan.depth()).measuring(plan);
    }

    /** Seconds of measuring, compilation excluded. */
    public double measuring(KernelPlan plan) {
        double s = 0;
        for (GemmPoint g : plan.gemms()) {
            s += gemm(g);
        }
        for (PrefillPoint p : plan.prefills()) {
            s += prefill(p);
        }
        for (DecodePoint d : plan.decodes()) {
            s += decode(d);
        }
        for (ElementwisePoint e : plan.elementwise()) {
            s += elementwise(e);
        }
        for (long bytes : plan.bandwidthBytes()) {
            s += 2 * bandwidth(bytes);
        }
        return s;
    }

    public double gemm(GemmPoint g) {
        ComputeDtype dtype = g.dtype().startsWith("fp8") && gpu.supports(ComputeDtype.FP8) ? ComputeDtype.FP8
                : ComputeDtype.BF16;
        double one = point(Math.max(g.flops() / (gpu.peakFlopsPerS(dtype) * EFFICIENCY),
                g.bytes() / (gpu.memoryBandwidthBytesPerS() * EFFICIENCY)));
        return g.dtype().equals(GemmDtypes.FP8) ? one * fp8Recipes : one;
    }

    public double prefill(PrefillPoint p) {
        return point(p.flops() / (gpu.peakFlopsPerS(ComputeDtype.BF16) * EFFICIENCY));
    }

    public double decode(DecodePoint d) {
        return point(d.kvBytes() / (gpu.memoryBandwidthBytesPerS() * EFFICIENCY));
    }

    public double elementwise(ElementwisePoint e) {
        return point(e.bytes() / (gpu.memoryBandwidthBytesPerS() * EFFICIENCY));
    }

    public double bandwidth(long bytes) {
        return point(2.0 * bytes / (gpu.memoryBandwidthBytesPerS() * EFFICIENCY));
    }

    private double point(double kernelSeconds) {
        return SETUP_S + replays * Math.max(MIN_REPLAY_S, kernelSeconds);
    }
}
