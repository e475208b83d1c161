package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.ops.ReleaseGraph;
import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.util.Objects;

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
 * @param releaseGraph              what the engine's release changes in a model's graph
 */
public record BackendProfile(String id, double kernelOverheadUsGraph, double gemmOverheadUsGraph,
                             double kernelOverheadUsEager,
                             double stepOverheadMsGraph, double stepOverheadMsEager, int cudaGraphMaxBatch,
                             int maxNumSeqs, int maxNumBatchedTokens, long otherReservedBytes,
                             long cudaGraphPoolBytes, long commBufferBytes, String source,
                             MoeKernel mxfp4MoeKernel, Fp8BlockMoeKernel fp8BlockMoeKernel,
                             ReleaseGraph releaseGraph) {
    public BackendProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mxfp4MoeKernel, "mxfp4MoeKernel");
        Objects.requireNonNull(fp8BlockMoeKernel, "fp8BlockMoeKernel");
        Objects.requireNonNull(releaseGraph, "releaseGraph");
        if (kernelOverheadUsGraph < 0 || gemmOverheadUsGraph < 0 || kernelOverheadUsEager < 0 || stepOverheadMsGraph < 0
                || stepOverheadMsEager < 0 || cudaGraphMaxBatch < 0 || maxNumSeqs <= 0
                || maxNumBatchedTokens <= 0 || otherReservedBytes < 0 || cudaGraphPoolBytes < 0
                || commBufferBytes < 0) {
            throw new IllegalArgumentException("backend " + id + ": overheads must be >= 0 and limits > 0");
        }
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
                releaseGraph);
    }

    /** The same engine running another kernel for block-scaled FP8 experts. */
    public BackendProfile withFp8BlockMoeKernel(Fp8BlockMoeKernel kernel) {
        return new BackendProfile(id, kernelOverheadUsGraph, gemmOverheadUsGraph, kernelOverheadUsEager,
                stepOverheadMsGraph, stepOverheadMsEager, cudaGraphMaxBatch, maxNumSeqs, maxNumBatchedTokens,
                otherReservedBytes, cudaGraphPoolBytes, commBufferBytes, source, mxfp4MoeKernel, kernel,
                releaseGraph);
    }

    /** The same engine at a release that builds a model's graph another way. */
    public BackendProfile withReleaseGraph(ReleaseGraph graph) {
        return new BackendProfile(id, kernelOverheadUsGraph, gemmOverheadUsGraph, kernelOverheadUsEager,
                stepOverheadMsGraph, stepOverheadMsEager, cudaGraphMaxBatch, maxNumSeqs, maxNumBatchedTokens,
                otherReservedBytes, cudaGraphPoolBytes, commBufferBytes, source, mxfp4MoeKernel, fp8BlockMoeKernel,
                graph);
    }

    /** The same engine with another default step budget (chunked-prefill size, max_num_tokens). */
    public BackendProfile withMaxNumBatchedTokens(int tokens) {
        return new BackendProfile(id, kernelOverheadUsGraph, gemmOverheadUsGraph, kernelOverheadUsEager,
                stepOverheadMsGraph, stepOverheadMsEager, cudaGraphMaxBatch, maxNumSeqs, tokens,
                otherReservedBytes, cudaGraphPoolBytes, commBufferBytes, source, mxfp4MoeKernel, fp8BlockMoeKernel,
                releaseGraph);
    }

    /**
     * The engine's defaults on {@code gpu}: SGLang sizes its chunked-prefill default by the GPU's
     * memory ({@link SglangServerDefaults}); the other engines' defaults do not depend on it.
     */
    public BackendProfile on(GpuSpec gpu) {
        if (!"sglang".equals(id)) {
            return this;
        }
        int chunk = SglangServerDefaults.chunkedPrefillSize(gpu.memoryBytes());
        return chunk == maxNumBatchedTokens ? this : withMaxNumBatchedTokens(chunk);
    }
}
