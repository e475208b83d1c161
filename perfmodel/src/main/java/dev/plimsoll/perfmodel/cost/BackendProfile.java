package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.ops.ReleaseGraph;
import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Serving-engine costs that are not one kernel: launch gaps, per-step CPU work, engine memory.
 * Loaded from {@code backends/<id>.yaml}, where each figure names its source.
 *
 * @param id                        vllm, sglang or trtllm
 * @param kernelOverheadUsGraph     fixed cost per kernel when the step replays a CUDA graph
 * @param gemmOverheadUsGraph       fixed cost of a weight-streaming GEMM under graph replay: the
 *                                  intercept of latency against bytes for small-m GEMMs (pipeline
 *                                  fill and tail of the HBM stream, split-K reduction)
 * @param kernelOverheadUsEager     fixed cost per kernel when launched eagerly from Python
 * @param stepOverheadMsGraph       per-step CPU work (scheduling, input preparation, sampling,
 *                                  output processing) not hidden behind the GPU, graph mode
 * @param stepOverheadMsEager       the same in eager mode
 * @param cudaGraphMaxBatch         largest decode batch captured by default
 * @param maxNumSeqs                default cap on running requests
 * @param maxNumBatchedTokens       default token budget per step
 * @param otherReservedBytes        CUDA context, allocator slack and framework buffers per GPU
 * @param cudaGraphPoolBytes        memory held by captured CUDA graphs per GPU
 * @param commBufferBytes           NCCL / custom all-reduce buffers per GPU when it communicates
 * @param source                    sources of the figures
 * @param mxfp4MoeKernel            the MoE kernel for MXFP4 experts the engine was launched with
 * @param fp8BlockMoeKernel         the MoE kernel the engine's version runs for block-scaled FP8 experts
 * @param nvfp4MoeKernel            the MoE kernel TensorRT-LLM was launched with for NVFP4 experts
 * @param attentionBackend          the attention backend SGLang was launched with
 * @param releaseGraph              what the engine's release changes in a model's graph
 * @param sizedByGpu                the limits above that are the engine's own defaults on a GPU it has
 *                                  not been placed on yet: {@link #on} resolves them for the GPU and
 *                                  layout ({@link GpuSizedLimit}); a limit a launch sets is not in it
 */
public record BackendProfile(String id, double kernelOverheadUsGraph, double gemmOverheadUsGraph,
                             double kernelOverheadUsEager,
                             double stepOverheadMsGraph, double stepOverheadMsEager, int cudaGraphMaxBatch,
                             int maxNumSeqs, int maxNumBatchedTokens, long otherReservedBytes,
                             long cudaGraphPoolBytes, long commBufferBytes, String source,
                             MoeKernel mxfp4MoeKernel, Fp8BlockMoeKernel fp8BlockMoeKernel,
                             Nvfp4MoeKernel nvfp4MoeKernel, SglangAttentionBackend attentionBackend,
                             ReleaseGraph releaseGraph, Set<GpuSizedLimit> sizedByGpu) {
    public BackendProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mxfp4MoeKernel, "mxfp4MoeKernel");
        Objects.requireNonNull(fp8BlockMoeKernel, "fp8BlockMoeKernel");
        Objects.requireNonNull(nvfp4MoeKernel, "nvfp4MoeKernel");
        Objects.requireNonNull(attentionBackend, "attentionBackend");
        Objects.requireNonNull(releaseGraph, "releaseGraph");
        sizedByGpu = sizedByGpu.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sizedByGpu));
        for (GpuSizedLimit limit : sizedByGpu) {
            if (!EngineGpuDefaults.sizes(id, limit)) {
                throw new IllegalArgumentException("backend " + id + " does not size " + limit.key()
                        + " by the GPU");
            }
        }
        if (kernelOverheadUsGraph < 0 || gemmOverheadUsGraph < 0 || kernelOverheadUsEager < 0 || stepOverheadMsGraph < 0
                || stepOverheadMsEager < 0 || cudaGraphMaxBatch < 0 || maxNumSeqs <= 0
                || maxNumBatchedTokens <= 0 || otherReservedBytes < 0 || cudaGraphPoolBytes < 0
                || commBufferBytes < 0) {
            throw new IllegalArgumentException("backend " + id + ": overheads must be >= 0 and limits > 0");
        }
    }

    /** A profile whose limits are all fixed (none left to the GPU). */
    public BackendProfile(String id, double kernelOverheadUsGraph, double gemmOverheadUsGraph,
                          double kernelOverheadUsEager, double stepOverheadMsGraph, double stepOverheadMsEager,
                          int cudaGraphMaxBatch, int maxNumSeqs, int maxNumBatchedTokens, long otherReservedBytes,
                          long cudaGraphPoolBytes, long commBufferBytes, String source, MoeKernel mxfp4MoeKernel,
                          Fp8BlockMoeKernel fp8BlockMoeKernel, ReleaseGraph releaseGraph) {
        this(id, kernelOverheadUsGraph, gemmOverheadUsGraph, kernelOverheadUsEager, stepOverheadMsGraph,
                stepOverheadMsEager, cudaGraphMaxBatch, maxNumSeqs, maxNumBatchedTokens, otherReservedBytes,
                cudaGraphPoolBytes, commBufferBytes, source, mxfp4MoeKernel, fp8BlockMoeKernel, Nvfp4MoeKernel.ANY,
                SglangAttentionBackend.ANY, releaseGraph, Set.of());
    }

    /** A profile with the kernel tables' block-FP8 MoE kernel. */
    public BackendProfile(String id, double kernelOverheadUsGraph, double gemmOverheadUsGraph,
                          double kernelOverheadUsEager, double stepOverheadMsGraph, double stepOverheadMsEager,
                          int cudaGraphMaxBatch, int maxNumSeqs, int maxNumBatchedTokens, long otherReservedBytes,
                          long cudaGraphPoolBytes, long commBufferBytes, String source, MoeKernel mxfp4MoeKernel) {
        this(id, kernelOverheadUsGraph, gemmOverheadUsGraph, kernelOverheadUsEager, stepOverheadMsGraph,
                stepOverheadMsEager, cudaGraphMaxBatch, maxNumSeqs, maxNumBatchedTokens, otherReservedBytes,
                cudaGraphPoolBytes, commBufferBytes, source, mxfp4MoeKernel, Fp8BlockMoeKernel.ENGINE_DEFAULT,
                ReleaseGraph.CURRENT);
    }

    /** A profile with the graph of the engine's releases of today. */
    public BackendProfile(String id, double kernelOverheadUsGraph, double gemmOverheadUsGraph,
                          double kernelOverheadUsEager, double stepOverheadMsGraph, double stepOverheadMsEager,
                          int cudaGraphMaxBatch, int maxNumSeqs, int maxNumBatchedTokens, long otherReservedBytes,
                          long cudaGraphPoolBytes, long commBufferBytes, String source, MoeKernel mxfp4MoeKernel,
                          Fp8BlockMoeKernel fp8BlockMoeKernel) {
        this(id, kernelOverheadUsGraph, gemmOverheadUsGraph, kernelOverheadUsEager, stepOverheadMsGraph,
                stepOverheadMsEager, cudaGraphMaxBatch, maxNumSeqs, maxNumBatchedTokens, otherReservedBytes,
                cudaGraphPoolBytes, commBufferBytes, source, mxfp4MoeKernel, fp8BlockMoeKernel,
                ReleaseGraph.CURRENT);
    }

    /** A profile whose engine picks its own MoE kernels. */
    public BackendProfile(String id, double kernelOverheadUsGraph, double gemmOverheadUsGraph,
                          double kernelOverheadUsEager, double stepOverheadMsGraph, double stepOverheadMsEager,
                          int cudaGraphMaxBatch, int maxNumSeqs, int maxNumBatchedTokens, long otherReservedBytes,
                          long cudaGraphPoolBytes, long commBufferBytes, String source) {
        this(id, kernelOverheadUsGraph, gemmOverheadUsGraph, kernelOverheadUsEager, stepOverheadMsGraph,
                stepOverheadMsEager, cudaGraphMaxBatch, maxNumSeqs, maxNumBatchedTokens, otherReservedBytes,
                cudaGraphPoolBytes, commBufferBytes, source, MoeKernel.ENGINE_DEFAULT);
    }

    /** The same engine launched with another MXFP4 MoE kernel. */
    public BackendProfile withMxfp4MoeKernel(MoeKernel kernel) {
        return new BackendProfile(id, kernelOverheadUsGraph, gemmOverheadUsGraph, kernelOverheadUsEager,
                stepOverheadMsGraph, stepOverheadMsEager, cudaGraphMaxBatch, maxNumSeqs, maxNumBatchedTokens,
                otherReservedBytes, cudaGraphPoolBytes, commBufferBytes, source, kernel, fp8BlockMoeKernel,
                nvfp4MoeKernel, attentionBackend, releaseGraph, sizedByGpu);
    }

    /** The same engine running another kernel for block-scaled FP8 experts. */
    public BackendProfile withFp8BlockMoeKernel(Fp8BlockMoeKernel kernel) {
        return new BackendProfile(id, kernelOverheadUsGraph, gemmOverheadUsGraph, kernelOverheadUsEager,
                stepOverheadMsGraph, stepOverheadMsEager, cudaGraphMaxBatch, maxNumSeqs, maxNumBatchedTokens,
                otherReservedBytes, cudaGraphPoolBytes, commBufferBytes, source, mxfp4MoeKernel, kernel,
                nvfp4MoeKernel, attentionBackend, releaseGraph, sizedByGpu);
    }

    /** The same engine launched with another MoE kernel for NVFP4 experts (TensorRT-LLM's moe_config.backend). */
    public BackendProfile withNvfp4MoeKernel(Nvfp4MoeKernel kernel) {
        return withLaunchedKernels(kernel, attentionBackend);
    }

    /** The same engine launched with another attention backend (SGLang's --attention-backend). */
    public BackendProfile withAttentionBackend(SglangAttentionBackend backend) {
        return withLaunchedKernels(nvfp4MoeKernel, backend);
    }

    private BackendProfile withLaunchedKernels(Nvfp4MoeKernel nvfp4, SglangAttentionBackend attention) {
        return new BackendProfile(id, kernelOverheadUsGraph, gemmOverheadUsGraph, kernelOverheadUsEager,
                stepOverheadMsGraph, stepOverheadMsEager, cudaGraphMaxBatch, maxNumSeqs, maxNumBatchedTokens,
                otherReservedBytes, cudaGraphPoolBytes, commBufferBytes, source, mxfp4MoeKernel, fp8BlockMoeKernel,
                nvfp4, attention, releaseGraph, sizedByGpu);
    }

    /** The same engine at a release that builds a model's graph another way. */
    public BackendProfile withReleaseGraph(ReleaseGraph graph) {
        return new BackendProfile(id, kernelOverheadUsGraph, gemmOverheadUsGraph, kernelOverheadUsEager,
                stepOverheadMsGraph, stepOverheadMsEager, cudaGraphMaxBatch, maxNumSeqs, maxNumBatchedTokens,
                otherReservedBytes, cudaGraphPoolBytes, commBufferBytes, source, mxfp4MoeKernel, fp8BlockMoeKernel,
                nvfp4MoeKernel, attentionBackend, graph, sizedByGpu);
    }

    /** The same engine launched with this step budget (chunked-prefill size, max_num_tokens). */
    public BackendProfile withMaxNumBatchedTokens(int tokens) {
        return withLaunchLimits(null, tokens, null);
    }

    /**
     * The same engine launched with the limits given (null: left to the engine): a limit given is
     * fixed, one left out keeps the engine's default, resolved for the GPU by {@link #on} where the
     * engine sizes it by the GPU.
     */
    public BackendProfile withLaunchLimits(Integer maxNumSeqs, Integer maxNumBatchedTokens,
                                           Integer cudaGraphMaxBatch) {
        Set<GpuSizedLimit> left = EnumSet.noneOf(GpuSizedLimit.class);
        left.addAll(sizedByGpu);
        if (maxNumSeqs != null) {
            left.remove(GpuSizedLimit.RUNNING_REQUESTS);
        }
        if (maxNumBatchedTokens != null) {
            left.remove(GpuSizedLimit.STEP_TOKENS);
        }
        if (cudaGraphMaxBatch != null) {
            left.remove(GpuSizedLimit.CUDA_GRAPH_BATCH);
        }
        return new BackendProfile(id, kernelOverheadUsGraph, gemmOverheadUsGraph, kernelOverheadUsEager,
                stepOverheadMsGraph, stepOverheadMsEager,
                cudaGraphMaxBatch != null ? cudaGraphMaxBatch : this.cudaGraphMaxBatch,
                maxNumSeqs != null ? maxNumSeqs : this.maxNumSeqs,
                maxNumBatchedTokens != null ? maxNumBatchedTokens : this.maxNumBatchedTokens,
                otherReservedBytes, cudaGraphPoolBytes, commBufferBytes, source, mxfp4MoeKernel, fp8BlockMoeKernel,
                nvfp4MoeKernel, attentionBackend, releaseGraph, left);
    }

    /**
     * The engine's defaults on {@code gpu} with {@code engineGpus} GPUs per pipeline stage (SGLang's
     * --tp-size, attention-DP ranks included): each limit of {@link #sizedByGpu} takes the value the
     * engine picks there ({@link SglangServerDefaults} by memory class and TP, {@link VllmServerDefaults}
     * by memory and device name); limits a launch set stay. The result has every limit fixed.
     */
    public BackendProfile on(GpuSpec gpu, int engineGpus) {
        if (sizedByGpu.isEmpty()) {
            return this;
        }
        Integer seqs = null;
        Integer tokens = null;
        Integer graphs = null;
        for (GpuSizedLimit limit : sizedByGpu) {
            int v = EngineGpuDefaults.value(id, limit, gpu, engineGpus);
            switch (limit) {
                case STEP_TOKENS -> tokens = v;
                case RUNNING_REQUESTS -> seqs = v;
                case CUDA_GRAPH_BATCH -> graphs = v;
            }
        }
        return withLaunchLimits(seqs, tokens, graphs);
    }
}
