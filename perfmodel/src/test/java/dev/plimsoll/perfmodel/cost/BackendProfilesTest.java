package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.ops.OperatorGraph;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendProfilesTest {
    private static final long GIB = 1L << 30;

    @Test
    void bundledProfilesLoad() {
        assertEquals(List.of("sglang", "trtllm", "vllm"), BackendProfiles.ids());
        BackendProfile vllm = BackendProfiles.get("vllm");
        assertEquals(2.5, vllm.kernelOverheadUsGraph());
        assertEquals(16, vllm.kernelOverheadUsEager());
        assertEquals(0.6, vllm.stepOverheadMsGraph());
        assertEquals(512, vllm.cudaGraphMaxBatch());
        assertEquals(1024, vllm.maxNumSeqs());
        assertEquals(8192, vllm.maxNumBatchedTokens());
        assertEquals(3758096384L, vllm.otherReservedBytes(), "AIConfigurator other_mem, 3.5 GiB");
        assertEquals(3 * GIB / 4, vllm.cudaGraphPoolBytes());
        assertEquals(0.38 * GIB, vllm.commBufferBytes(), 1);
        BackendProfile sglang = BackendProfiles.get("SGLang");
        assertEquals(160, sglang.cudaGraphMaxBatch());
        assertEquals(1024, sglang.maxNumSeqs());
        BackendProfile trtllm = BackendProfiles.get("trtllm");
        assertEquals(2048, trtllm.maxNumSeqs());
        assertEquals(128, trtllm.cudaGraphMaxBatch());
        assertEquals(0.5, trtllm.stepOverheadMsEager());
    }

    /**
     * SGLang's eager cost per kernel reproduces the host-bound forward it is derived from: PR #12160
     * logs "forward cost 82.6 ms" for a 1-token DeepSeek-V3 extend run eagerly at TP 8, so the
     * kernels of that forward times the per-kernel cost, plus the eager step overhead, is 82.6 ms.
     */
    @Test
    void sglangEagerKernelCostReproducesTheEagerDeepSeekForward() {
        BackendProfile sglang = BackendProfiles.get("sglang");
        ModelSpec ds = TestSpecs.model("deepseek-v3");
        GpuSpec h200 = TestSpecs.gpu("h200-sxm");
        OperatorGraph graph = new OperatorGraph(ds, h200, Parallelism.tp(8), QuantResolver.resolve(ds.defaultQuant(),
                h200), "sglang");
        long kernels = graph.ops(StepBatch.prefill(1, 1)).stream().mapToLong(o -> (long) o.kernels() * o.repeat()).sum();
        double forwardMs = kernels * sglang.kernelOverheadUsEager() / 1000.0 + sglang.stepOverheadMsEager();
        assertEquals(82.6, forwardMs, 82.6 * 0.01, kernels + " kernels");
    }

    @Test
    void unknownBackendListsTheValidOnes() {
        UserInputException e = assertThrows(UserInputException.class, () -> BackendProfiles.get("vlm"));
        assertEquals("unknown backend 'vlm'; valid: sglang, trtllm, vllm (did you mean 'vllm'?)", e.getMessage());
    }

    /** A complete profile of engine {@code id} whose 13th line is {@code lastLine}. */
    private static String profile(String id, String lastLine) {
        return "id: " + id + "\nkernel_overhead_us_graph: 2.5\ngemm_overhead_us_graph: 6\nkernel_overhead_us_eager: 16\n"
                + "step_overhead_ms_graph: 0.6\nstep_overhead_ms_eager: 0.6\ncuda_graph_max_batch: 512\n"
                + "max_num_seqs: 256\nmax_num_batched_tokens: 8192\nother_reserved_gib: 3.5\n"
                + "cuda_graph_pool_gib: 0.75\ncomm_buffer_gib: 0.38\n" + lastLine + "\n";
    }

    @Test
    void unknownKeyInAProfileIsAnError() {
        String yaml = profile("x", "max_num_seq: 1");
        UserInputException e = assertThrows(UserInputException.class, () -> BackendProfiles.parse(yaml, "x.yaml"));
        assertTrue(e.getMessage().startsWith("x.yaml:13:1: unknown key 'max_num_seq' (did you mean 'max_num_seqs'?)"),
                e.getMessage());
    }

    @Test
    void aGpuSizedLimitTheEngineDoesNotSizeIsRefusedWithItsPlace() {
        String yaml = profile("trtllm", "sized_by_gpu: [cuda_graph_batch]");
        UserInputException e = assertThrows(UserInputException.class, () -> BackendProfiles.parse(yaml, "t.yaml"));
        assertTrue(e.getMessage().startsWith("t.yaml:13:"), e.getMessage());
        assertTrue(e.getMessage().contains("trtllm does not size by the GPU"), e.getMessage());
        UserInputException unknown = assertThrows(UserInputException.class,
                () -> BackendProfiles.parse(yaml.replace("[cuda_graph_batch]", "[graphs]"), "t.yaml"));
        assertTrue(unknown.getMessage().contains("unknown GPU-sized limit 'graphs'; valid: step_tokens, "
                + "running_requests, cuda_graph_batch"), unknown.getMessage());
    }

    /** vLLM's get_batch_defaults: 1024 sequences and 8192 tokens from 70 GiB, A100 excepted; 256 and 2048 below. */
    @ParameterizedTest
    @CsvSource({"h100-sxm, 1024, 8192", "b200-sxm, 1024, 8192", "mi300x, 1024, 8192", "a100-sxm-80gb, 256, 2048",
            "l40s, 256, 2048", "l4, 256, 2048"})
    void vllmSizesItsBatchLimitsByTheDevice(String gpu, int seqs, int tokens) {
        BackendProfile vllm = BackendProfiles.get("vllm").on(TestSpecs.REGISTRY.gpu(gpu), 1);
        assertEquals(seqs, vllm.maxNumSeqs());
        assertEquals(tokens, vllm.maxNumBatchedTokens());
        assertEquals(512, vllm.cudaGraphMaxBatch(), "max_cudagraph_capture_size: min(2 x max_num_seqs, 512)");
    }

    /** The graph-mode kernel cost is the smallest GEMM the engine's tables measured under CUDA graphs. */
    @ParameterizedTest
    @CsvSource({"vllm", "sglang", "trtllm"})
    void graphKernelOverheadIsTheSmallestMeasuredGemm(String backend) {
        double minUs = Double.MAX_VALUE;
        for (Map<String, String> r : SharedData.csvGz("kernels/h100_sxm/gemm_" + backend + ".csv.gz")) {
            minUs = Math.min(minUs, Double.parseDouble(r.get("latency")) * 1e3);
        }
        assertEquals(minUs, BackendProfiles.get(backend).kernelOverheadUsGraph(), 0.1);
    }

    /** The GEMM fixed cost is the intercept of latency against bytes of weight-streaming GEMMs. */
    @ParameterizedTest
    @CsvSource({"vllm", "sglang", "trtllm"})
    void gemmOverheadIsTheInterceptOfSmallBatchGemmLatency(String backend) {
        org.apache.commons.math3.stat.regression.SimpleRegression fit =
                new org.apache.commons.math3.stat.regression.SimpleRegression();
        for (Map<String, String> r : SharedData.csvGz("kernels/h100_sxm/gemm_" + backend + ".csv.gz")) {
            String dtype = r.get("gemm_dtype");
            long m = Long.parseLong(r.get("m"));
            if (m > 16 || !(dtype.equals("bfloat16") || dtype.equals("fp8"))) {
                continue;
            }
            long n = Long.parseLong(r.get("n"));
            long k = Long.parseLong(r.get("k"));
            double b = dtype.equals("fp8") ? 1 : 2;
            double bytes = n * k * b + m * k * b + m * n * 2.0;
            if (bytes > 1e6 && bytes < 300e6) {
                fit.addData(bytes, Double.parseDouble(r.get("latency")) * 1e3);
            }
        }
        assertEquals(fit.getIntercept(), BackendProfiles.get(backend).gemmOverheadUsGraph(), 0.1);
        // the slope is the streaming bandwidth: about 85% of H100's 3.35 TB/s
        assertEquals(2.85e12, 1e6 / fit.getSlope(), 0.05e12);
    }

    /** vLLM's eager launch cost: eager minus graph time of the smallest 2-GPU custom all-reduce. */
    @ParameterizedTest
    @CsvSource({"vllm"})
    void eagerKernelOverheadIsTheMeasuredEagerPenalty(String backend) {
        double eager = 0;
        double graph = 0;
        for (Map<String, String> r : SharedData.csvGz("kernels/h100_sxm/custom_allreduce_" + backend + ".csv.gz")) {
            if (r.get("num_gpus").equals("2") && r.get("message_size").equals("128")) {
                double us = Double.parseDouble(r.get("latency")) * 1e3;
                if (r.get("backend").endsWith("_eager")) {
                    eager = us;
                } else if (r.get("backend").endsWith("_graph")) {
                    graph = us;
                }
            }
        }
        assertTrue(eager > 0 && graph > 0);
        assertEquals(eager - graph, BackendProfiles.get(backend).kernelOverheadUsEager(), 1.0);
    }

    /**
     * SGLang's eager cost per kernel reproduces its source: PR #12160 logs an eager 1-token
     * DeepSeek-V3 extend at "forward cost 82.6 ms"; the estimated eager prefill of that forward on 8
     * GPUs (host-bound: every op costs its launches) comes out at that figure.
     */
    @Test
    void sglangsEagerHostCostReproducesItsLoggedEagerDeepSeekForward() {
        var model = dev.plimsoll.perfmodel.TestSpecs.model("deepseek-v3");
        var estimate = new dev.plimsoll.perfmodel.estimate.Estimator(CostModelProvider.roofline()).estimate(
                new dev.plimsoll.perfmodel.estimate.EstimateRequest(model, dev.plimsoll.perfmodel.TestSpecs.gpu("h200-sxm"),
                        dev.plimsoll.perfmodel.parallel.Parallelism.tp(8), model.defaultQuant(),
                        BackendProfiles.get("sglang"), false, 1, 1, 2, 0.9));
        assertEquals(82.6, estimate.prefillMs(), 3.0);
    }
}
