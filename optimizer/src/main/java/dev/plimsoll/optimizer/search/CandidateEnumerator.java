package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.parallel.LayoutValidator;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Lists the engine launch configurations of a plan's search space that divide the model. */
public final class CandidateEnumerator {
    /** An HGX / DGX node's NVLink domain: 8 GPUs (H100, H200, B200); larger domains are rack-scale. */
    static final int RACK_SCALE_ABOVE_GPUS = 8;

    private CandidateEnumerator() {
    }

    public static List<EngineCandidate> enumerate(PlanRequest r) {
        List<EngineCandidate> out = new ArrayList<>();
        SearchSpace s = r.space();
        int gpuCap = s.maxGpusPerReplica();
        if (r.target() instanceof LoadTarget.TotalGpus) {
            gpuCap = Math.min(gpuCap, ((LoadTarget.TotalGpus) r.target()).gpus());
        }
        for (GpuSpec gpu : r.gpus()) {
            List<Parallelism> layouts = layouts(r.model(), gpu, s, gpuCap);
            for (QuantScheme quant : r.quants()) {
                for (QuantScheme q : kvChoices(quant, gpu, s)) {
                    for (BackendProfile backend : r.backends()) {
                        if (backend.id().equals("trtllm") && !"nvidia".equalsIgnoreCase(gpu.vendor())) {
                            continue; // TensorRT-LLM runs on NVIDIA GPUs only
                        }
                        for (Parallelism p : layouts) {
                            for (int budget : s.tokenBudgets()) {
                                for (boolean chunked : chunking(backend, budget, r.workload())) {
                                    out.add(new EngineCandidate(gpu, p, q, backend, budget, chunked, r.speculative()));
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Layouts whose tensor-parallel group stays inside one scale-up domain and that divide the
     * model. Dense models use neither attention DP nor EP; MoE models try EP over the whole stage
     * or none.
     */
    static List<Parallelism> layouts(ModelSpec model, GpuSpec gpu, SearchSpace s, int gpuCap) {
        List<Parallelism> out = new ArrayList<>();
        addRackScaleLayouts(model, gpu, out);
        for (int tp : s.tensorParallel()) {
            for (int pp : s.pipelineParallel()) {
                for (int dp : model.isMoe() ? s.attentionDp() : List.of(1)) {
                    if (tp * dp > gpu.scaleUpDomainGpus() || tp * dp * pp > gpuCap) {
                        continue;
                    }
                    Set<Integer> eps = new LinkedHashSet<>();
                    eps.add(1);
                    if (model.isMoe()) {
                        eps.add(tp * dp);
                    }
                    for (int ep : eps) {
                        Parallelism p = new Parallelism(tp, pp, ep, dp);
                        if (LayoutValidator.problems(model, p).isEmpty()) {
                            out.add(p);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * On a GPU whose NVLink domain spans more than one 8-GPU node (GB200 NVL72: 72), MoE models also
     * try attention data parallelism with experts spread over the same GPUs (wide EP), TP 1 and one
     * pipeline stage, over 16, 32 and 64 GPUs and the whole domain: the layouts of Dynamo's and
     * TensorRT-LLM's wide-EP recipes for DeepSeek-R1 on GB200 (decode over 16 to 72 GPUs). EP that
     * does not divide the experts runs with redundant expert slots ({@code ExpertSlots}). These
     * replicas may exceed the search's per-replica GPU cap: they never leave one NVLink domain.
     */
    static void addRackScaleLayouts(ModelSpec model, GpuSpec gpu, List<Parallelism> out) {
        int domain = gpu.scaleUpDomainGpus();
        if (!model.isMoe() || domain <= RACK_SCALE_ABOVE_GPUS) {
            return;
        }
        Set<Integer> widths = new LinkedHashSet<>();
        for (int w = 2 * RACK_SCALE_ABOVE_GPUS; w < domain; w *= 2) {
            widths.add(w);
        }
        widths.add(domain);
        for (int w : widths) {
            Parallelism p = new Parallelism(1, 1, w, w);
            if (LayoutValidator.problems(model, p).isEmpty()) {
                out.add(p);
            }
        }
    }

    /** The scheme's own KV storage, and FP8 where the GPU has FP8 tensor cores and the search asks for it. */
    static List<QuantScheme> kvChoices(QuantScheme quant, GpuSpec gpu, SearchSpace s) {
        List<QuantScheme> out = new ArrayList<>();
        out.add(quant);
        if (s.tryFp8KvCache() && quant.kvCache() != NumberFormat.FP8 && gpu.supports(ComputeDtype.FP8)) {
            out.add(quant.withKvCache(NumberFormat.FP8));
        }
        return out;
    }

    /**
     * vLLM V1 always chunks prompts; SGLang and TensorRT-LLM may run them whole, which needs a budget
     * that holds the longest prompt.
     */
    static List<Boolean> chunking(BackendProfile backend, int budget, WorkloadSpec w) {
        SchedulerProfile profile = SchedulerProfile.of(backend.id());
        int longest = w.inputQuantile(1.0);
        List<Boolean> out = new ArrayList<>();
        if (profile == SchedulerProfile.VLLM || profile.defaultChunkedPrefill() || budget < longest) {
            out.add(true);
        }
        if (profile != SchedulerProfile.VLLM && budget >= longest) {
            out.add(false);
        }
        return out;
    }
}
